"""Conformance: docker-py (7.1) against berthd, a smoke test of the container lifecycle.

Uses the daemon on $BERTH_SOCK if set, else starts a private one with tests/lib/daemon.sh.
Run: python3 -m pytest -q tests/conformance/test_docker_py.py
"""
import os
import subprocess
import uuid
from pathlib import Path

import docker
import pytest

ROOT = Path(__file__).resolve().parents[2]
DAEMON_SH = ROOT / "tests" / "lib" / "daemon.sh"
PREFIX = f"py{os.getpid()}"


def _bash(script: str) -> str:
    """Runs bash with daemon.sh sourced; returns stdout (stderr passes through)."""
    done = subprocess.run(["bash", "-c", f'set -euo pipefail; source "{DAEMON_SH}"; {script}'],
                          stdout=subprocess.PIPE, text=True, check=True)
    return done.stdout


class PrivateDaemon:
    """A berthd with its own roots, socket and cgroup parent (tests/lib/daemon.sh)."""

    def __init__(self):
        out = _bash('berth_daemon_start berth-py >&2; '
                    'printf "%s\\n" "$BERTH_TMP" "$BERTH_SOCK" "$BERTH_PID" "$BERTH_CGROUP_PARENT"')
        self.tmp, self.sock, self.pid, self.cgroup_parent = out.split()

    def close(self):
        env = f'BERTH_TMP="{self.tmp}" BERTH_PID="{self.pid}" BERTH_CGROUP_PARENT="{self.cgroup_parent}"'
        _bash(f"{env}; berth_daemon_cleanup")


def _ensure_busybox(client, workdir: Path):
    try:
        client.images.get("busybox:latest")
    except docker.errors.ImageNotFound:
        tar = workdir / "busybox.tar"
        subprocess.run([str(ROOT / "scripts" / "busybox-image.sh"), str(tar)], check=True)
        client.api.import_image_from_file(str(tar), repository="busybox", tag="latest",
                                          changes=['CMD ["sh"]'])


@pytest.fixture(scope="session")
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
        for leftover in c.containers.list(all=True, filters={"name": PREFIX}):
            leftover.remove(force=True)
        c.close()
        if daemon:
            daemon.close()


def name(what: str) -> str:
    return f"{PREFIX}-{what}-{uuid.uuid4().hex[:6]}"


def test_version(client):
    v = client.version()
    assert v["ApiVersion"].startswith("1.")
    assert v["Version"]
    assert v["Os"] == "linux"


def test_ping(client):
    assert client.ping() is True


def test_run_prints_and_removes(client):
    n = name("echo")
    assert client.containers.run("busybox", "echo hi", name=n, remove=True) == b"hi\n"
    with pytest.raises(docker.errors.NotFound):
        client.containers.get(n)


def test_run_nonzero_exit_raises_container_error(client):
    with pytest.raises(docker.errors.ContainerError) as err:
        client.containers.run("busybox", ["sh", "-c", "exit 3"], remove=True)
    assert err.value.exit_status == 3


def test_detached_lifecycle(client):
    c = client.containers.run("busybox", "sleep 300", name=name("life"), detach=True)
    c.reload()
    assert c.status == "running"
    assert c.attrs["State"]["Pid"] > 0
    c.stop(timeout=1)
    assert c.wait(timeout=30)["StatusCode"] == 137
    c.reload()
    assert c.status == "exited"
    c.start()
    c.reload()
    assert c.status == "running"
    c.pause()
    c.reload()
    assert c.status == "paused"
    c.unpause()
    c.kill()
    assert c.wait(timeout=30)["StatusCode"] == 137
    c.remove()
    with pytest.raises(docker.errors.NotFound):
        client.containers.get(c.id)


def test_exec_run(client):
    c = client.containers.run("busybox", "sleep 300", name=name("exec"), detach=True)
    try:
        assert tuple(c.exec_run("echo hi")) == (0, b"hi\n")
        assert c.exec_run(["sh", "-c", "exit 4"]).exit_code == 4
        result = c.exec_run(["sh", "-c", "echo out; echo err >&2"], demux=True)
        assert result.exit_code == 0
        assert result.output == (b"out\n", b"err\n")
        assert c.exec_run("pwd", workdir="/tmp").output == b"/tmp\n"
        assert c.exec_run(["sh", "-c", "echo $X"], environment={"X": "y"}).output == b"y\n"
    finally:
        c.remove(force=True)


def test_logs_keep_streams_apart(client):
    c = client.containers.run("busybox", ["sh", "-c", "echo out; echo err >&2"],
                              name=name("logs"), detach=True)
    assert c.wait(timeout=30)["StatusCode"] == 0
    assert c.logs(stdout=True, stderr=False) == b"out\n"
    assert c.logs(stdout=False, stderr=True) == b"err\n"
    assert sorted(c.logs().splitlines()) == [b"err", b"out"]
    c.remove()


def test_list_filters(client):
    n = name("list")
    c = client.containers.run("busybox", "true", name=n, detach=True, labels={"suite": PREFIX})
    c.wait(timeout=30)
    by_name = client.containers.list(all=True, filters={"name": n})
    assert [x.id for x in by_name] == [c.id]
    assert by_name[0].name == n
    assert c.id in [x.id for x in client.containers.list(all=True, filters={"label": f"suite={PREFIX}"})]
    assert c.id in [x.id for x in client.containers.list(all=True, filters={"status": "exited"})]
    assert c.id not in [x.id for x in client.containers.list()]
    c.remove()


def test_images_list_and_tag(client):
    assert any("busybox:latest" in i.tags for i in client.images.list())
    image = client.images.get("busybox")
    assert image.id.startswith("sha256:")
    assert image.tag(f"{PREFIX}-img", "v1") is True
    assert client.images.get(f"{PREFIX}-img:v1").id == image.id
    client.images.remove(f"{PREFIX}-img:v1")
    with pytest.raises(docker.errors.ImageNotFound):
        client.images.get(f"{PREFIX}-img:v1")


def test_missing_container_is_not_found(client):
    with pytest.raises(docker.errors.NotFound):
        client.containers.get(f"{PREFIX}-missing")


def test_remove_running_is_conflict(client):
    c = client.containers.run("busybox", "sleep 300", name=name("busy"), detach=True)
    try:
        with pytest.raises(docker.errors.APIError) as err:
            c.remove()
        assert err.value.status_code == 409
    finally:
        c.remove(force=True)


# --- issue 3: streams and sockets -------------------------------------------------------------

def test_exec_stream_and_demux(client):
    c = client.containers.run("busybox", ["sleep", "60"], name=name("exstream"), detach=True)
    try:
        chunks = list(c.exec_run(["sh", "-c", "for i in 1 2 3; do echo o$i; echo e$i >&2; sleep 0.1; done"],
                                 stream=True, demux=True).output)
        out = b"".join(o for o, _ in chunks if o)
        err = b"".join(e for _, e in chunks if e)
        assert out == b"o1\no2\no3\n"
        assert err == b"e1\ne2\ne3\n"
        tty = c.exec_run(["tty"], tty=True)
        assert tty.exit_code == 0 and tty.output.startswith(b"/dev/pts/")
    finally:
        c.remove(force=True)


def test_logs_follow_streams_until_exit(client):
    c = client.containers.run("busybox", ["sh", "-c", "for i in 1 2 3; do echo line$i; sleep 0.3; done"],
                              name=name("follow"), detach=True)
    try:
        lines = [l for l in c.logs(stream=True, follow=True)]
        assert b"".join(lines) == b"line1\nline2\nline3\n"
        assert c.wait(timeout=30)["StatusCode"] == 0
    finally:
        c.remove(force=True)


def test_attach_socket_sends_stdin(client):
    c = client.containers.create("busybox", ["sh", "-c", "read x; echo got-$x"], name=name("sock"),
                                 stdin_open=True)
    try:
        sock = client.api.attach_socket(c.id, params={"stdin": 1, "stdout": 1, "stream": 1})
        c.start()
        sock._sock.sendall(b"hello\n")
        data = b""
        sock._sock.settimeout(20)
        while True:
            chunk = sock._sock.recv(4096)
            if not chunk:
                break
            data += chunk
        sock.close()
        # multiplexed: 8-byte header (stream 1), then the payload
        assert data[0] == 1 and data[8:] == b"got-hello\n"
        assert c.wait(timeout=30)["StatusCode"] == 0
    finally:
        c.remove(force=True)


# === files: put_archive, get_archive, diff, export, commit (issue 3) ========================

def _tar(files: dict) -> bytes:
    import io
    import tarfile
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        for path, content in files.items():
            data = content.encode()
            info = tarfile.TarInfo(path)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def _untar(chunks) -> dict:
    import io
    import tarfile
    with tarfile.open(fileobj=io.BytesIO(b"".join(chunks))) as tar:
        return {m.name: (tar.extractfile(m).read().decode(errors="replace") if m.isfile() else m.type) for m in tar.getmembers()}


def test_put_and_get_archive(client):
    c = client.containers.run("busybox", "sleep 300", name=name("arch"), detach=True)
    try:
        assert c.put_archive("/tmp", _tar({"hello.txt": "hello", "dir/deep.txt": "deep"})) is True
        chunks, stat = c.get_archive("/tmp/hello.txt")
        assert stat["name"] == "hello.txt" and stat["size"] == 5
        assert _untar(chunks) == {"hello.txt": "hello"}
        chunks, stat = c.get_archive("/tmp/dir")
        assert stat["mode"] & (1 << 31)  # Go's os.ModeDir
        assert _untar(chunks)["dir/deep.txt"] == "deep"
        assert c.exec_run("cat /tmp/dir/deep.txt").output == b"deep"
        with pytest.raises(docker.errors.NotFound):
            c.get_archive("/nope")
        with pytest.raises(docker.errors.APIError) as err:
            c.put_archive("/etc/passwd", _tar({"x": "x"}))
        assert err.value.status_code == 400
    finally:
        c.remove(force=True)


def test_archive_never_follows_a_symlink_out(client, tmp_path):
    (tmp_path / "secret").write_text("host secret")
    c = client.containers.run("busybox", ["sh", "-c", f"ln -s {tmp_path} /abs; ln -s / /etc/evil; sleep 300"],
                              name=name("evil"), detach=True)
    try:
        c.exec_run("true")  # the links exist once an exec ran after them
        with pytest.raises(docker.errors.NotFound):
            c.get_archive("/abs/secret")
        with pytest.raises(docker.errors.NotFound):
            c.put_archive("/abs", _tar({"planted": "x"}))
        planted = f"{PREFIX}-planted-{uuid.uuid4().hex[:6]}"
        assert c.put_archive("/etc/evil/tmp", _tar({planted: "x"})) is True  # the container's /tmp
        assert not os.path.exists(f"/tmp/{planted}")
        assert c.exec_run(f"cat /tmp/{planted}").output == b"x"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["secret"]
    finally:
        c.remove(force=True)


def test_diff_export_and_commit(client):
    c = client.containers.run("busybox", ["sh", "-c", "echo x > /etc/x; rm /etc/group"], name=name("commit"),
                              detach=True)
    assert c.wait(timeout=30)["StatusCode"] == 0
    changes = {(d["Kind"], d["Path"]) for d in c.diff()}
    assert {(0, "/etc"), (1, "/etc/x"), (2, "/etc/group")} <= changes
    exported = _untar(c.export())
    assert exported["etc/x"] == "x\n" and "etc/group" not in exported
    image = c.commit(repository=f"{PREFIX}-commit", tag="v1", changes=['CMD ["cat", "/etc/x"]'])
    try:
        assert client.containers.run(image.id, remove=True) == b"x\n"
    finally:
        c.remove()
        client.images.remove(image.id)


# --- watching (issue 3): events, stats, top ---------------------------------------------

def test_events_since_until_decoded(client):
    import time
    since = time.time()
    n = name("events")
    c = client.containers.run("busybox", ["sh", "-c", "exit 2"], name=n, detach=True,
                              labels={"suite": PREFIX})
    c.wait(timeout=30)
    c.remove()
    until = time.time() + 0.1
    time.sleep(0.2)
    events = list(client.events(since=since, until=until, decode=True,
                                filters={"container": n, "type": "container"}))
    assert [e["Action"] for e in events] == ["create", "start", "die", "destroy"]
    die = events[2]
    assert die["Actor"]["ID"] == c.id and die["id"] == c.id and die["status"] == "die"
    assert die["Actor"]["Attributes"]["exitCode"] == "2"
    assert die["Actor"]["Attributes"]["name"] == n
    assert die["Actor"]["Attributes"]["suite"] == PREFIX
    assert die["from"] == "busybox" and die["scope"] == "local"
    assert since <= die["timeNano"] / 1e9 <= until


def test_stats_without_stream(client):
    c = client.containers.run("busybox", "sleep 300", name=name("stats"), detach=True)
    try:
        s = c.stats(stream=False)
        assert s["id"] == c.id and s["name"] == "/" + c.name
        assert s["cpu_stats"]["system_cpu_usage"] > s["precpu_stats"]["system_cpu_usage"] > 0
        assert s["cpu_stats"]["online_cpus"] >= 1
        assert s["memory_stats"]["usage"] > 0 and s["memory_stats"]["limit"] > 0
        assert s["pids_stats"]["current"] == 1
        assert s["read"] > s["preread"]
        one = c.stats(stream=False, one_shot=True)
        assert one["precpu_stats"]["cpu_usage"]["total_usage"] == 0
        assert c.top()["Processes"][0][-1] == "sleep 300"
    finally:
        c.remove(force=True)


# --- issue 5: networks ----------------------------------------------------------------------------

def test_networks_list_and_inspect(client):
    nets = {n.name: n for n in client.networks.list()}
    assert {"bridge", "host", "none"} <= set(nets)
    assert nets["bridge"].attrs["Driver"] == "bridge"
    assert nets["none"].attrs["Driver"] == "null"
    assert [n.name for n in client.networks.list(names=["bridge"])] == ["bridge"]
    bridge = client.networks.get("bridge")
    pool = bridge.attrs["IPAM"]["Config"][0]
    assert pool["Subnet"].endswith("/24") or "/" in pool["Subnet"]
    c = client.containers.run("busybox", "sleep 300", name=name("net"), detach=True)
    try:
        c.reload()
        settings = c.attrs["NetworkSettings"]
        assert settings["Gateway"] == pool["Gateway"]
        assert settings["Networks"]["bridge"]["NetworkID"] == bridge.id
        bridge.reload()
        assert c.id in [x.id for x in bridge.containers]
        attached = bridge.attrs["Containers"][c.id]
        assert attached["IPv4Address"].startswith(settings["IPAddress"] + "/")
        assert client.networks.get(bridge.id[:8]).name == "bridge"
    finally:
        c.remove(force=True)
    with pytest.raises(docker.errors.NotFound):
        client.networks.get(name("missing"))


def test_published_port_shows_in_ports(client):
    c = client.containers.run("busybox", "sleep 300", name=name("ports"), detach=True,
                              ports={"80/tcp": ("127.0.0.1", None)})
    try:
        c.reload()
        binding = c.ports["80/tcp"][0]
        assert binding["HostIp"] == "127.0.0.1" and int(binding["HostPort"]) > 0
    finally:
        c.remove(force=True)


def test_user_network_create_connect_inspect(client):
    net = client.networks.create(name("net"), driver="bridge", labels={"t": "py"})
    c = client.containers.run("busybox", "sleep 300", name=name("peer"), detach=True)
    try:
        assert net.attrs["Driver"] == "bridge" and net.attrs["Labels"] == {"t": "py"}
        net.connect(c, aliases=["peer-alias"])
        net.reload()
        assert [x.id for x in net.containers] == [c.id]
        c.reload()
        settings = c.attrs["NetworkSettings"]["Networks"][net.name]
        assert settings["Aliases"] == ["peer-alias"] and settings["IPAddress"]
        found = client.containers.run("busybox", ["nslookup", "peer-alias"], network=net.name, remove=True)
        assert ("Address: " + settings["IPAddress"]).encode() in found
        with pytest.raises(docker.errors.APIError):
            net.remove()  # in use
        net.disconnect(c)
        c.reload()
        assert net.name not in c.attrs["NetworkSettings"]["Networks"]
    finally:
        c.remove(force=True)
        net.remove()
    with pytest.raises(docker.errors.NotFound):
        client.networks.get(net.id)


# --- issue 6: volumes and mounts


def test_volumes_create_list_get_remove(client):
    vol = client.volumes.create(name("vol"), driver="local", labels={"t": "py"})
    try:
        assert vol.attrs["Driver"] == "local" and vol.attrs["Labels"] == {"t": "py"}
        assert vol.attrs["Mountpoint"].endswith(f"/volumes/{vol.name}/_data")
        assert vol.name in [v.name for v in client.volumes.list(filters={"label": "t=py"})]
        assert client.volumes.get(vol.name).attrs["Scope"] == "local"
        with pytest.raises(docker.errors.APIError):
            client.volumes.create("bad/name")
    finally:
        vol.remove()
    with pytest.raises(docker.errors.NotFound):
        client.volumes.get(vol.name)


def test_run_with_volumes_keeps_data_and_refuses_removal_in_use(client):
    vol = client.volumes.create(name("data"))
    c = client.containers.create("busybox", ["sh", "-c", "echo py-data > /data/f"], name=name("writer"),
                                 volumes={vol.name: {"bind": "/data", "mode": "rw"}})
    try:
        c.start()
        assert c.wait()["StatusCode"] == 0
        with pytest.raises(docker.errors.APIError) as refused:
            vol.remove(force=True)
        assert refused.value.status_code == 409 and "volume is in use" in str(refused.value)
        c.remove()
        out = client.containers.run("busybox", ["cat", "/data/f"], remove=True,
                                    volumes=[f"{vol.name}:/data:ro"])
        assert out == b"py-data\n"
        mounts = client.api.inspect_volume(vol.name)
        assert mounts["Name"] == vol.name
    finally:
        for leftover in client.containers.list(all=True, filters={"name": PREFIX + "-writer"}):
            leftover.remove(force=True)
        vol.remove()


def test_volumes_prune_takes_unused_anonymous_volumes(client):
    c = client.containers.create("busybox", "true", name=name("anon"), volumes=["/scratch"])
    anon = c.attrs["Mounts"][0]["Name"]
    kept = client.volumes.create(name("kept"))
    try:
        c.remove()
        pruned = client.volumes.prune()
        assert anon in (pruned["VolumesDeleted"] or [])
        if client.api._version >= "1.42":  # anonymous only by default since API 1.42
            assert kept.name not in (pruned["VolumesDeleted"] or [])
            client.volumes.get(kept.name)
    finally:
        try:
            kept.remove()
        except docker.errors.NotFound:
            pass


# --- local image management (issue 4): history, save, prune, df ------------------------------

def _labelled_image(client, what: str, label: str):
    """A committed image labelled berth.pytest=LABEL, with one file of its own; returns (image, repo)."""
    c = client.containers.run("busybox", ["sh", "-c", f"echo {what} > /{what}"], name=name(what), detach=True)
    assert c.wait(timeout=30)["StatusCode"] == 0
    repo = f"{PREFIX}-{what}"
    image = c.commit(repository=repo, tag="v1", changes=[f"LABEL berth.pytest={label}"], message="from pytest")
    c.remove()
    return image, repo


def test_image_history_and_save_load(client):
    image, repo = _labelled_image(client, "hist", PREFIX)
    try:
        history = image.history()
        assert [h["Id"] for h in history] == [image.id, "<missing>"]
        assert history[0]["Tags"] == [f"{repo}:v1"] and history[0]["Comment"] == "from pytest"
        assert history[0]["CreatedBy"] == "sh -c echo hist > /hist" and history[0]["Size"] == len("hist\n")
        data = b"".join(image.save(named=True))
        files = _untar([data])
        assert "manifest.json" in files and "index.json" in files and "oci-layout" in files
        client.images.remove(image.id)
        loaded = client.images.load(data)
        assert [i.id for i in loaded] == [image.id]
        assert client.containers.run(f"{repo}:v1", ["cat", "/hist"], remove=True) == b"hist\n"
    finally:
        client.images.remove(image.id, force=True)


def test_images_prune_and_df(client):
    image, repo = _labelled_image(client, "prune", PREFIX)
    dangling_c = client.containers.run("busybox", ["sh", "-c", "echo dd > /dd"], name=name("dangling"), detach=True)
    assert dangling_c.wait(timeout=30)["StatusCode"] == 0
    dangling = dangling_c.commit(changes=[f"LABEL berth.pytest={PREFIX}"])
    dangling_c.remove()

    df = client.df()
    assert df["LayersSize"] > 0 and df["Volumes"] == [] and df["BuildCache"] == []
    assert any(i["Id"] == image.id and i["Containers"] == 0 and i["SharedSize"] > 0 for i in df["Images"])

    report = client.images.prune(filters={"label": f"berth.pytest={PREFIX}"})
    assert [d["Deleted"] for d in report["ImagesDeleted"] if "Deleted" in d][0] == dangling.id
    assert report["SpaceReclaimed"] == len("dd\n")
    assert client.images.get(image.id)  # tagged: kept without dangling=false
    report = client.images.prune(filters={"label": f"berth.pytest={PREFIX}", "dangling": False})
    assert {"Untagged": f"{repo}:v1"} in report["ImagesDeleted"]
    with pytest.raises(docker.errors.ImageNotFound):
        client.images.get(image.id)


# --- issue 4: pull and push through real registries (tests/lib/registry.sh) ---------------------

REGISTRY_SH = ROOT / "tests" / "lib" / "registry.sh"


class Registry:
    """A docker-registry on 127.0.0.1 for this module: plain, or behind htpasswd (basic)."""

    def __init__(self, *mode):
        out = subprocess.run([str(REGISTRY_SH), "start", *mode], stdout=subprocess.PIPE, text=True,
                             check=True).stdout.split()
        self.addr, self.pid, self.dir = out
        self.user = self.password = ""

    def digest(self, ref: str) -> str:
        """The manifest digest skopeo reads from the registry."""
        creds = ["--creds", f"{self.user}:{self.password}"] if self.user else []
        return subprocess.run(["skopeo", "inspect", "--tls-verify=false", *creds, "--format", "{{.Digest}}",
                               f"docker://{ref}"], stdout=subprocess.PIPE, text=True, check=True).stdout.strip()

    def close(self):
        subprocess.run([str(REGISTRY_SH), "stop", self.pid, self.dir], check=True)


@pytest.fixture(scope="module")
def registry():
    r = Registry("plain")
    yield r
    r.close()


@pytest.fixture(scope="module")
def auth_registry():
    r = Registry("basic", "pyuser", f"pw{os.getpid()}")
    r.user, r.password = "pyuser", f"pw{os.getpid()}"
    yield r
    r.close()


def _push(client, repo, tag, **kwargs):
    """Pushes and returns the decoded message stream (docker-py reports push errors in it, never raises)."""
    return list(client.images.push(repo, tag=tag, stream=True, decode=True, **kwargs))


def test_push_then_pull_back_with_the_registrys_digest(client, registry):
    repo = f"{registry.addr}/py/{PREFIX}"
    client.images.get("busybox:latest").tag(repo, "1")
    try:
        messages = _push(client, repo, "1")
        assert not [m for m in messages if "errorDetail" in m], messages
        assert messages[0]["status"] == f"The push refers to repository [{repo}]"
        assert any(m.get("status") == "Pushed" for m in messages)
        aux = [m["aux"] for m in messages if "aux" in m]
        assert [a["Digest"] for a in aux] == [registry.digest(f"{repo}:1")]
        digest = aux[0]["Digest"]
        assert {"status": f"1: digest: {digest} size: {aux[0]['Size']}"} in messages
        client.images.remove(f"{repo}:1")
        pulled = client.images.pull(repo, tag="1")
        assert f"{repo}:1" in pulled.tags
        assert f"{repo}@{digest}" in pulled.attrs["RepoDigests"]
        assert client.containers.run(f"{repo}:1", "echo pulled", remove=True) == b"pulled\n"
    finally:
        client.images.remove(f"{repo}:1", force=True)


def test_pull_of_a_missing_tag_is_not_found(client, registry):
    with pytest.raises(docker.errors.NotFound) as err:
        client.images.pull(f"{registry.addr}/py/absent", tag="nope")
    assert f"manifest for {registry.addr}/py/absent:nope not found" in str(err.value.explanation)


def test_auth_config_and_login_reach_a_basic_auth_registry(client, auth_registry):
    r = auth_registry
    repo = f"{r.addr}/py/{PREFIX}-auth"
    client.images.get("busybox:latest").tag(repo, "1")
    try:
        refused = _push(client, repo, "1")
        assert [m for m in refused if "errorDetail" in m], refused
        with pytest.raises(docker.errors.APIError):
            client.login(username=r.user, password="wrong", registry=r.addr, reauth=True)
        pushed = _push(client, repo, "1", auth_config={"username": r.user, "password": r.password})
        assert not [m for m in pushed if "errorDetail" in m], pushed
        assert [m["aux"]["Digest"] for m in pushed if "aux" in m] == [r.digest(f"{repo}:1")]
        client.images.remove(f"{repo}:1")
        assert client.login(username=r.user, password=r.password, registry=r.addr, reauth=True)["Status"] \
            == "Login Succeeded"
        pulled = client.images.pull(repo, tag="1")  # with the login's credentials
        assert f"{repo}:1" in pulled.tags
    finally:
        try:
            client.images.remove(f"{repo}:1", force=True)
        except docker.errors.NotFound:
            pass


# --- issue 6: restart policies and health checks ------------------------------------------------

def _await(what: str, condition, seconds: float = 60.0):
    """Polls condition() every 0.1 s; fails after a generous time (never depends on the machine's speed)."""
    import time
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"never {what}")


def test_restart_policy_on_failure_counts_restarts(client):
    c = client.containers.run("busybox", ["sh", "-c", "exit 5"], name=name("restart"), detach=True,
                              restart_policy={"Name": "on-failure", "MaximumRetryCount": 2})
    try:
        def done():
            c.reload()
            return c.status == "exited" and c.attrs["RestartCount"] == 2
        _await("exited after two restarts", done)
        assert c.attrs["HostConfig"]["RestartPolicy"] == {"Name": "on-failure", "MaximumRetryCount": 2}
        assert c.attrs["State"]["ExitCode"] == 5
        with pytest.raises(docker.errors.APIError) as refused:
            client.containers.create("busybox", "true", restart_policy={"Name": "sometimes"})
        assert refused.value.status_code == 400
        assert "invalid restart policy: unknown policy 'sometimes'" in str(refused.value)
    finally:
        c.remove(force=True)


def test_healthcheck_turns_healthy_then_unhealthy(client):
    second = 1_000_000_000
    c = client.containers.run("busybox", ["sh", "-c", "touch /tmp/ok; sleep 300"], name=name("health"),
                              detach=True, init=True,
                              healthcheck={"test": ["CMD", "test", "-f", "/tmp/ok"], "interval": second // 4,
                                           "timeout": 5 * second, "retries": 2})
    try:
        def status():
            c.reload()
            return c.attrs["State"].get("Health", {}).get("Status")
        _await("healthy", lambda: status() == "healthy")
        assert c.attrs["Config"]["Healthcheck"]["Test"] == ["CMD", "test", "-f", "/tmp/ok"]
        assert c.attrs["HostConfig"]["Init"] is True
        assert [x.id for x in client.containers.list(filters={"health": "healthy", "name": c.name})] == [c.id]
        assert c.exec_run(["rm", "/tmp/ok"]).exit_code == 0
        _await("unhealthy", lambda: status() == "unhealthy")
        health = c.attrs["State"]["Health"]
        assert health["FailingStreak"] >= 2
        assert 1 <= len(health["Log"]) <= 5
        assert health["Log"][-1]["ExitCode"] == 1
        top = c.top(ps_args="-o pid,args")
        assert any(p[-1].startswith("/sbin/docker-init -- sh -c") for p in top["Processes"])
    finally:
        c.remove(force=True)
# --- issue 6: security defaults (cap_add, security_opt, privileged, user, devices) ---------------

def _status(client, **kwargs) -> dict:
    out = client.containers.run("busybox", ["grep", "-E", "^(CapEff|NoNewPrivs|Seccomp):", "/proc/self/status"],
                                remove=True, **kwargs)
    return dict(line.split(":\t") for line in out.decode().splitlines())


def test_security_defaults_equal_dockers(client):
    assert _status(client) == {"CapEff": "00000000a80425fb", "NoNewPrivs": "0", "Seccomp": "2"}


def test_cap_add_and_cap_drop(client):
    assert _status(client, cap_add=["NET_ADMIN"], cap_drop=["CHOWN"])["CapEff"] == "00000000a80435fa"
    client.containers.run("busybox", "ip link set lo down", cap_add=["NET_ADMIN"], remove=True)
    with pytest.raises(docker.errors.ContainerError):
        client.containers.run("busybox", "ip link set lo down", remove=True)
    with pytest.raises(docker.errors.APIError) as err:
        client.containers.create("busybox", "true", cap_add=["NOPE"])
    assert err.value.status_code == 400 and 'unknown capability: "CAP_NOPE"' in str(err.value)


def test_security_opt_and_privileged(client):
    assert _status(client, security_opt=["no-new-privileges"])["NoNewPrivs"] == "1"
    assert _status(client, security_opt=["seccomp=unconfined"])["Seccomp"] == "0"
    privileged = _status(client, privileged=True)
    assert privileged["Seccomp"] == "0" and privileged["CapEff"] != "00000000a80425fb"
    client.containers.run("busybox", "unshare -n true", privileged=True, remove=True)
    with pytest.raises(docker.errors.ContainerError):
        client.containers.run("busybox", "unshare -n true", remove=True)


def test_user_group_add_and_devices(client):
    assert client.containers.run("busybox", "id", user="1000:1000", remove=True) \
        == b"uid=1000(user) gid=1000(user) groups=1000(user)\n"
    assert client.containers.run("busybox", "id", user="nobody", group_add=["tty"], remove=True) \
        == b"uid=65534(nobody) gid=65534(nogroup) groups=5(tty),65534(nogroup)\n"
    out = client.containers.run("busybox", ["sh", "-c", "ls -l /dev/mynull && echo x > /dev/mynull"],
                                devices=["/dev/null:/dev/mynull:rwm"], remove=True)
    assert out.startswith(b"c") and b"/dev/mynull" in out
    c = client.containers.create("busybox", "true", name=name("secinsp"), cap_add=["NET_ADMIN"],
                                 security_opt=["no-new-privileges"], group_add=["tty"],
                                 devices=["/dev/null:/dev/mynull:rw"])
    try:
        host = c.attrs["HostConfig"]
        assert host["CapAdd"] == ["NET_ADMIN"] and host["SecurityOpt"] == ["no-new-privileges"]
        assert host["GroupAdd"] == ["tty"]
        assert host["Devices"] == [{"PathOnHost": "/dev/null", "PathInContainer": "/dev/mynull",
                                    "CgroupPermissions": "rw"}]
    finally:
        c.remove()
# --- issue 6: resources --------------------------------------------------------------------------

_V2 = Path("/sys/fs/cgroup/cgroup.controllers").exists()
_LIMITS = ("cat /sys/fs/cgroup/memory.max; cut -d' ' -f1 /sys/fs/cgroup/cpu.max; cat /sys/fs/cgroup/pids.max"
           if _V2 else "cat /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/cpu/cpu.cfs_quota_us"
                       " /sys/fs/cgroup/pids/pids.max")


def test_run_with_limits_then_update(client):
    c = client.containers.run("busybox", ["sleep", "300"], name=name("res"), detach=True,
                              mem_limit="64m", nano_cpus=1_500_000_000, pids_limit=50, shm_size="32m",
                              ulimits=[docker.types.Ulimit(name="nofile", soft=512, hard=1024)])
    try:
        c.reload()
        host = c.attrs["HostConfig"]
        assert (host["Memory"], host["MemorySwap"], host["NanoCpus"], host["PidsLimit"], host["ShmSize"]) == \
            (64 << 20, 128 << 20, 1_500_000_000, 50, 32 << 20)
        assert c.exec_run(["sh", "-c", _LIMITS]).output.decode() == "67108864\n150000\n50\n"
        # PID 1's limits (runc 1.1 may raise an exec's soft nofile to its hard limit)
        assert c.exec_run(["awk", "/open files/ {print $4, $5}", "/proc/1/limits"]).output.decode() == "512 1024\n"

        # docker-py's update() knows no nano_cpus nor pids_limit: memory and the restart policy
        assert c.update(mem_limit="128m", memswap_limit="256m",
                        restart_policy={"Name": "on-failure", "MaximumRetryCount": 2}) == {"Warnings": []}
        c.reload()
        assert (c.attrs["HostConfig"]["Memory"], c.attrs["HostConfig"]["MemorySwap"]) == (128 << 20, 256 << 20)
        assert c.attrs["HostConfig"]["RestartPolicy"] == {"Name": "on-failure", "MaximumRetryCount": 2}
        assert c.exec_run(["sh", "-c", _LIMITS]).output.decode() == "134217728\n150000\n50\n"
        with pytest.raises(docker.errors.APIError) as refused:
            c.update(cpu_quota=20000)
        assert refused.value.status_code == 409
        assert "CPU Quota cannot be updated as NanoCPUs has already been set" in str(refused.value)
    finally:
        c.remove(force=True)


def test_invalid_limits_are_refused_with_dockers_message(client):
    with pytest.raises(docker.errors.APIError) as refused:
        client.containers.create("busybox", ["true"], name=name("small"), mem_limit="4m")
    assert refused.value.status_code == 400
    assert "Minimum memory limit allowed is 6MB" in str(refused.value)


def test_an_oom_kill_is_reported(client):
    c = client.containers.run("busybox", ["sh", "-c", "x=0123456789abcdef; while :; do x=$x$x; done"],
                              name=name("oom"), detach=True, mem_limit="8m", memswap_limit="8m")
    try:
        assert c.wait(timeout=60)["StatusCode"] == 137
        c.reload()
        assert c.attrs["State"]["OOMKilled"] is True
    finally:
        c.remove(force=True)

# === issue 6: the daemon over TCP with TLS and client certificates ====================================

CERTS_SH = ROOT / "tests" / "lib" / "certs.sh"


class TlsDaemon:
    """A private berthd that also listens on a loopback TCP port with --tlsverify (tests/lib/certs.sh)."""

    def __init__(self, certs: Path):
        import socket
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.certs = certs
        subprocess.run(["bash", "-c", f'source "{CERTS_SH}"; berth_make_certs "{certs}"'], check=True)
        args = (f"-H tcp://127.0.0.1:{self.port} --tlsverify --tlscacert {certs}/ca.pem "
                f"--tlscert {certs}/server-cert.pem --tlskey {certs}/server-key.pem")
        out = _bash(f'BERTH_DAEMON_ARGS="{args}" berth_daemon_start berth-pytls >&2; '
                    'printf "%s\\n" "$BERTH_TMP" "$BERTH_PID" "$BERTH_CGROUP_PARENT"')
        self.tmp, self.pid, self.cgroup_parent = out.split()

    def close(self):
        env = f'BERTH_TMP="{self.tmp}" BERTH_PID="{self.pid}" BERTH_CGROUP_PARENT="{self.cgroup_parent}"'
        _bash(f"{env}; berth_daemon_cleanup")


@pytest.fixture(scope="module")
def tls_daemon(tmp_path_factory):
    d = TlsDaemon(tmp_path_factory.mktemp("certs"))
    try:
        yield d
    finally:
        d.close()


@pytest.fixture
def no_ca_bundle_env(monkeypatch):
    # requests lets REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE override docker-py's ca_cert: keep the test CA in charge
    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
    monkeypatch.delenv("CURL_CA_BUNDLE", raising=False)


def test_tls_with_a_client_certificate(tls_daemon, no_ca_bundle_env, tmp_path):
    from docker.tls import TLSConfig
    c = tls_daemon.certs
    tls = TLSConfig(client_cert=(str(c / "cert.pem"), str(c / "key.pem")), ca_cert=str(c / "ca.pem"), verify=True)
    client = docker.DockerClient(base_url=f"https://127.0.0.1:{tls_daemon.port}", tls=tls, version="auto", timeout=60)
    try:
        assert client.version()["Os"] == "linux"
        _ensure_busybox(client, tmp_path)
        out = client.containers.run("busybox:latest", ["echo", "over tls"], remove=True, network_mode="none")
        assert out == b"over tls\n"
    finally:
        client.close()


@pytest.mark.parametrize("who", ["no certificate", "another CA's certificate"])
def test_tls_refuses_clients_the_ca_did_not_sign(tls_daemon, no_ca_bundle_env, who):
    from docker.tls import TLSConfig
    c = tls_daemon.certs
    cert = None if who == "no certificate" else (str(c / "other" / "cert.pem"), str(c / "other" / "key.pem"))
    tls = TLSConfig(client_cert=cert, ca_cert=str(c / "ca.pem"), verify=True)
    client = docker.DockerClient(base_url=f"https://127.0.0.1:{tls_daemon.port}", tls=tls, version="1.41", timeout=20)
    try:
        import requests
        with pytest.raises(requests.exceptions.ConnectionError) as err:  # SSLError, or a reset mid-handshake
            client.version()
        assert "certificate" in str(err.value).lower() or "ssl" in str(err.value).lower()
    finally:
        client.close()
