#!/usr/bin/env bash
# Test certificates for a TLS daemon, made with openssl, as docker's "Protect the Docker daemon socket"
# page makes them: berth_make_certs DIR writes
#   DIR/ca.pem, ca-key.pem              a CA
#   DIR/server-cert.pem, server-key.pem the daemon's, for 127.0.0.1 and localhost, signed by the CA
#   DIR/cert.pem, key.pem               a client's (extendedKeyUsage clientAuth), signed by the CA
#   DIR/other/ca.pem, cert.pem, key.pem another CA and a client certificate it signed
# Keys are RSA 2048 (openssl 3 writes PKCS#8); the client key is also written as PKCS#1 (key-rsa.pem).

berth_make_certs() {
  local dir=$1
  mkdir -p "$dir/other"
  (
    set -e
    cd "$dir"
    _ca ca "berth test CA"
    _signed server "127.0.0.1" ca "subjectAltName=IP:127.0.0.1,DNS:localhost
extendedKeyUsage=serverAuth"
    mv server.pem server-cert.pem
    _signed client "berth test client" ca "extendedKeyUsage=clientAuth"
    mv client.pem cert.pem; mv client-key.pem key.pem
    openssl pkey -in key.pem -traditional -out key-rsa.pem 2>/dev/null \
      || openssl rsa -in key.pem -traditional -out key-rsa.pem 2>/dev/null
    cd other
    _ca ca "another CA"
    _signed client "stranger" ca "extendedKeyUsage=clientAuth"
    mv client.pem cert.pem; mv client-key.pem key.pem
  ) >/dev/null 2>&1
}

# _ca NAME CN: NAME.pem and NAME-key.pem, a self-signed CA.
_ca() {
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$2" -keyout "$1-key.pem" -out "$1.pem" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign
}

# _signed NAME CN CA EXTENSIONS: NAME.pem and NAME-key.pem signed by CA.
_signed() {
  openssl req -newkey rsa:2048 -nodes -subj "/CN=$2" -keyout "$1-key.pem" -out "$1.csr"
  printf '%s\n' "$4" >"$1.ext"
  openssl x509 -req -in "$1.csr" -CA "$3.pem" -CAkey "$3-key.pem" -CAcreateserial -days 2 \
    -extfile "$1.ext" -out "$1.pem"
  rm -f "$1.csr" "$1.ext"
}
