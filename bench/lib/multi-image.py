#!/usr/bin/env python3
"""A docker-save archive of a multi-layer image for the pull and push rows of `make bench`:
the busybox rootfs tar as the bottom layer, then LAYERS layers each holding one file of MB MiB of
random bytes (incompressible, so gzip does not flatter anyone). Usage:
  multi-image.py BUSYBOX_ROOTFS_TAR OUT_TAR REFERENCE [LAYERS [MB]]"""
import hashlib, io, json, os, sys, tarfile, time

def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()

def random_layer(path, name, size):
    with tarfile.open(path, "w", format=tarfile.PAX_FORMAT) as t:
        info = tarfile.TarInfo(name)
        info.size, info.mode, info.mtime = size, 0o644, 0
        t.addfile(info, io.BytesIO(os.urandom(size)))

def main():
    rootfs, out, ref = sys.argv[1:4]
    layers = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    mb = int(sys.argv[5]) if len(sys.argv) > 5 else 10
    work = out + ".d"
    os.makedirs(work, exist_ok=True)
    paths = [rootfs]
    for i in range(layers):
        p = os.path.join(work, f"layer{i}.tar")
        random_layer(p, f"bench-data-{i}", mb << 20)
        paths.append(p)
    diff_ids = ["sha256:" + sha256_file(p) for p in paths]
    created = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    config = {"architecture": "amd64", "os": "linux", "created": created,
              "config": {"Cmd": ["sh"], "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]},
              "rootfs": {"type": "layers", "diff_ids": diff_ids},
              "history": [{"created": created, "created_by": f"bench layer {i}"} for i in range(len(paths))]}
    config_bytes = json.dumps(config, separators=(",", ":")).encode()
    config_name = hashlib.sha256(config_bytes).hexdigest() + ".json"
    layer_names = [d.split(":")[1] + "/layer.tar" for d in diff_ids]
    manifest = [{"Config": config_name, "RepoTags": [ref], "Layers": layer_names}]
    with tarfile.open(out, "w") as t:
        def add_bytes(name, data):
            info = tarfile.TarInfo(name)
            info.size, info.mode, info.mtime = len(data), 0o644, 0
            t.addfile(info, io.BytesIO(data))
        add_bytes(config_name, config_bytes)
        for name, path in zip(layer_names, paths):
            t.add(path, arcname=name)
        add_bytes("manifest.json", json.dumps(manifest).encode())
    for p in paths[1:]:
        os.unlink(p)
    os.rmdir(work)

if __name__ == "__main__":
    main()
