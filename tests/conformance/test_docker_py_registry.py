"""Conformance: docker-py (7.1) pushes to and pulls from a real registry through berthd.

A private docker-registry on 127.0.0.1 (its own port, config and storage in a temp dir, stopped after)
and the berthd of $BERTH_SOCK, or a private one. Run:
python3 -m pytest -q tests/conformance/test_docker_py_registry.py
"""
import os
import socket
import subprocess
import time
import urllib.request
import uuid

import docker
import pytest

from test_docker_py import PrivateDaemon, _ensure_busybox


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def registry(tmp_path_factory):
    """A plain docker-registry; yields its host:port."""
    d = tmp_path_factory.mktemp("registry")
    port = _free_port()
    (d / "config.yml").write_text(f"version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n"
                                  f"    rootdirectory: {d / 'storage'}\nhttp:\n  addr: 127.0.0.1:{port}\n")
    proc = subprocess.Popen(["docker-registry", "serve", str(d / "config.yml")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/v2/", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.05)
        yield f"127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    daemon = None
    sock = os.environ.get("BERTH_SOCK")
    if not sock:
        daemon = PrivateDaemon()
        sock = daemon.sock
    c = docker.DockerClient(base_url=f"unix://{sock}", version="auto", timeout=60)
    try:
        _ensure_busybox(c, tmp_path_factory.mktemp("image"))
        yield c
    finally:
        c.close()
        if daemon:
            daemon.close()


def test_push_then_pull_back(client, registry):
    repo = f"{registry}/py/{uuid.uuid4().hex[:8]}"
    image = client.images.get("busybox:latest")
    image.tag(repo, "1")
    lines = list(client.images.push(repo, tag="1", stream=True, decode=True))
    assert not [l for l in lines if "error" in l], lines
    assert lines[0]["status"] == f"The push refers to repository [{repo}]"
    assert any(l.get("status") == "Pushed" for l in lines)
    assert lines[-1]["status"].startswith("1: digest: sha256:")
    digest = lines[-1]["status"].split()[2]

    client.images.remove(f"{repo}:1")
    pulled = client.images.pull(repo, tag="1")
    assert pulled.id == image.id
    assert f"{repo}:1" in pulled.tags
    assert pulled.attrs["RepoDigests"] == [f"{repo}@{digest}"]


def test_pull_of_a_missing_tag_is_not_found(client, registry):
    with pytest.raises(docker.errors.NotFound) as e:
        client.images.pull(f"{registry}/py/none", tag="1")
    assert "manifest unknown" in str(e.value)
