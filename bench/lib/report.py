#!/usr/bin/env python3
"""Writes docs/benchmarks.md and its ratio chart (SVG) from one `make bench` run.

Usage: report.py RESULTS_DIR OUT.md OUT.svg
RESULTS_DIR holds values.tsv (one line per figure: key, engine, kind, hyperfine JSON or number,
load average, daemon CPU ms per run) and facts.tsv (machine facts and versions), as bench/run.sh
writes them. Standard library only.
"""
import json
import math
import sys
from pathlib import Path

ENGINES = ["berth", "berth-dockercli", "docker", "podman"]
HEADS = ["berth", "docker CLI → berthd", "docker 20.10", "podman 4.3"]

# key, label, unit ("ms" timings, "kB" memory), goal text, goal check (berth's median, the floor,
# docker's median) on berth's figure (or None)
ROWS = [
    ("run_default", "`run --rm busybox true`, default network", "ms", "≤ 70 ms", lambda v, f, d: v <= 70),
    ("run_none", "`run --rm --network none busybox true`", "ms", "≤ 2.5× floor",
     lambda v, f, d: f is not None and v <= 2.5 * f),
    ("create_rm", "`create` + `rm`", "ms", "≤ 20 ms", lambda v, f, d: v <= 20),
    ("run_d_rm", "`run -d` + `rm -f`", "ms", "", None),
    ("start_seq", "start 50 one by one (`run -d`)", "ms", "≤ 3 s", lambda v, f, d: v <= 3000),
    ("start_par", "start 50, 8 at a time", "ms", "", None),
    ("rm_n", "`rm -f` of 50", "ms", "", None),
    ("ps", "`ps` with 50 running", "ms", "", None),
    ("version", "`version` round trip", "ms", "CLI ≤ 60 ms", lambda v, f, d: v <= 60),
    ("load", "`load` of a saved busybox image", "ms", "", None),
    ("pull", "`pull` from a loopback registry (3 × 10 MiB new layers)", "ms", "≤ ½ docker's",
     lambda v, f, d: d is not None and v <= d / 2),
    ("push", "`push` to an empty loopback registry (4 layers)", "ms", "≤ ½ docker's",
     lambda v, f, d: d is not None and v <= d / 2),
    ("rss_idle", "daemon RSS, idle", "kB", "≤ 60 MB", lambda v, f, d: v <= 60 * 1024),
    ("rss_n", "daemon RSS, 50 running", "kB", "", None),
    ("monitor_pss", "per-container monitor PSS", "kB", "≤ 0.4 MB", lambda v, f, d: v <= 0.4 * 1024),
]
NOTE = ('Reading it: the “docker CLI → berthd” column is berthd with a client that starts in ~20 ms; the “berth” column adds the berth CLI’s JVM start-up (~300 ms of CPU per call on a loaded machine, see the CPU table), which dominates every command row. Under load the figures move by ±30 %: compare within a row, and rerun `make bench` on a quiet machine for absolute numbers.')

NOTES = {
    ("rss_idle", "docker"): "dockerd + containerd",
    ("rss_n", "docker"): "dockerd + containerd",
    ("monitor_pss", "docker"): "containerd-shim-runc-v2",
    ("monitor_pss", "berth"): "conmon",
    ("monitor_pss", "podman"): "conmon",
}


def read_values(results):
    figures = {}
    for line in (results / "values.tsv").read_text().splitlines():
        key, engine, kind, data, load, *rest = line.split("\t") + [""]
        fig = {"load": load}
        if kind == "json":
            r = json.loads(Path(data).read_text())["results"][0]
            fig.update(median=r["median"] * 1e3, min=r["min"] * 1e3, max=r["max"] * 1e3,
                       runs=len(r["times"]), cli_cpu=(r["user"] + r["system"]) * 1e3,
                       daemon_cpu=float(rest[0]) if rest and rest[0] else None)
        elif kind == "value":
            fig.update(median=float(data))
        else:
            fig.update(failed=True)
        figures[(key, engine)] = fig
    return figures


def fmt_ms(v):
    return f"{v / 1000:.2f} s" if v >= 1000 else f"{v:.0f} ms" if v >= 100 else f"{v:.1f} ms"


def cell(fig, unit):
    if fig is None:
        return "—"
    if fig.get("failed"):
        return "failed"
    if unit == "kB":
        mb = fig["median"] / 1024
        return ("—" if not mb else f"{mb:.2f} MB" if mb < 10 else f"{mb:.1f} MB")
    return f"{fmt_ms(fig['median'])} ({fmt_ms(fig['min'])}–{fmt_ms(fig['max'])})"


def ratio(other, berth):
    if not other or not berth or other.get("failed") or berth.get("failed"):
        return None
    if not other["median"] or not berth["median"]:
        return None
    return other["median"] / berth["median"]


def fmt_ratio(r):
    return "—" if r is None else f"{r:.1f}×" if r >= 1 else f"{r:.2f}×"


def table(figures, floor):
    out = ["| what | " + " | ".join(HEADS) + " | docker ÷ berth | podman ÷ berth | goal (berth) |",
           "|---|" + "---:|" * (len(HEADS) + 2) + "---|"]
    chart = []
    for key, label, unit, goal, check in ROWS:
        figs = {e: figures.get((key, e)) for e in ENGINES}
        cells = []
        for e in ENGINES:
            c = cell(figs[e], unit)
            if (key, e) in NOTES and c != "—":
                c += f" ({NOTES[(key, e)]})"
            if key in ("rss_idle", "rss_n", "monitor_pss") and e == "podman" and figs[e] is None:
                c = "— (no daemon)" if key != "monitor_pss" else c
            cells.append(c)
        rd, rp = ratio(figs["docker"], figs["berth"]), ratio(figs["podman"], figs["berth"])
        b = figs["berth"]
        met = ""
        if check and b and not b.get("failed"):
            d = figs["docker"]["median"] if figs["docker"] and not figs["docker"].get("failed") else None
            met = " ✓" if check(b["median"], floor, d) else " ✗"
        out.append(f"| {label} | " + " | ".join(cells) + f" | {fmt_ratio(rd)} | {fmt_ratio(rp)} | {goal}{met} |")
        chart.append((label.replace("`", ""), rd, rp))
    return out, chart


def cpu_table(figures):
    out = ["| what | " + " | ".join(HEADS) + " | load (1 min) |", "|---|" + "---:|" * len(HEADS) + "---|"]
    for key, label, unit, _, _ in ROWS:
        if unit != "ms":
            continue
        cells, loads = [], []
        for e in ENGINES:
            f = figures.get((key, e))
            if not f or f.get("failed"):
                cells.append("—")
                continue
            loads.append(float(f["load"]))
            d = f.get("daemon_cpu")
            cells.append(f"{f['cli_cpu']:.0f} + {d:.0f}" if d is not None and e != "podman" else f"{f['cli_cpu']:.0f}")
        span = f"{min(loads):.2f}–{max(loads):.2f}" if loads else "—"
        out.append(f"| {label} | " + " | ".join(cells) + f" | {span} |")
    return out


def svg(chart, path):
    """Horizontal bars of docker÷berth and podman÷berth on a log scale; right of 1× berth is faster."""
    rows = [(label, rd, rp) for label, rd, rp in chart if rd or rp]
    values = [v for _, rd, rp in rows for v in (rd, rp) if v]
    lo = min([0.5] + values)
    hi = max([2.0] + values)
    lmin, lmax = math.floor(math.log2(lo)), math.ceil(math.log2(hi))
    left, width, bar, gap, top = 300, 440, 9, 8, 40
    height = top + len(rows) * (2 * bar + gap) + 50
    x = lambda v: left + (math.log2(v) - lmin) / (lmax - lmin) * width
    esc = lambda s: s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 60}" height="{height}" '
           f'font-family="sans-serif" font-size="11">',
           '<rect width="100%" height="100%" fill="white"/>',
           f'<text x="{left}" y="16" font-size="13" font-weight="bold">How many times berth is faster / lighter '
           '(other ÷ berth, log scale)</text>']
    for p in range(lmin, lmax + 1):
        gx = x(2.0 ** p)
        out.append(f'<line x1="{gx:.1f}" y1="{top - 8}" x2="{gx:.1f}" y2="{height - 40}" '
                   f'stroke="{"#000" if p == 0 else "#ddd"}"/>')
        out.append(f'<text x="{gx:.1f}" y="{height - 26}" text-anchor="middle">{2.0 ** p:g}×</text>')
    y = top
    for label, rd, rp in rows:
        out.append(f'<text x="{left - 6}" y="{y + bar + 3}" text-anchor="end">{esc(label)}</text>')
        for i, (v, colour) in enumerate(((rd, "#1d63ed"), (rp, "#892ca0"))):
            if not v:
                continue
            by = y + i * bar
            x0, x1 = sorted((x(1.0), x(v)))
            out.append(f'<rect x="{x0:.1f}" y="{by}" width="{max(x1 - x0, 1):.1f}" height="{bar - 1}" fill="{colour}"/>')
            tx, anchor = (x1 + 3, "start") if v >= 1 else (x0 - 3, "end")
            out.append(f'<text x="{tx:.1f}" y="{by + bar - 1}" font-size="9" text-anchor="{anchor}">{fmt_ratio(v)}</text>')
        y += 2 * bar + gap
    ly = height - 12
    out.append(f'<rect x="{left}" y="{ly - 8}" width="10" height="8" fill="#1d63ed"/>'
               f'<text x="{left + 14}" y="{ly}">docker 20.10 ÷ berth</text>')
    out.append(f'<rect x="{left + 160}" y="{ly - 8}" width="10" height="8" fill="#892ca0"/>'
               f'<text x="{left + 174}" y="{ly}">podman 4.3 ÷ berth</text>')
    out.append("</svg>")
    Path(path).write_text("\n".join(out) + "\n")


def main():
    results, md, chart_path = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    figures = read_values(results)
    facts = dict(line.split("\t", 1) for line in (results / "facts.tsv").read_text().splitlines())
    floor_fig = figures.get(("floor", "runc"))
    floor = floor_fig["median"] if floor_fig and not floor_fig.get("failed") else None
    rows, chart = table(figures, floor)
    svg(chart, chart_path)
    lines = [
        "# Benchmarks: berth, docker and podman side by side",
        "",
        f"Measured {facts['date']} with `make bench` (`bench/run.sh`) in one run, on {facts['os']}, "
        f"{facts['cpu']}, {facts['memory']}, kernel {facts['kernel']}; load average "
        f"{facts['load_start']} at the start and {facts.get('load_end', '?')} at the end (other builds share "
        "the machine: wall times are noisy, the CPU table below less so). Benchmarks, never tests.",
        "",
        "Timings are hyperfine medians with (min–max), " + facts["runs"] + ". Ratios are the other engine's "
        "median ÷ berth's (berth's own CLI): above 1× berth is faster or lighter. "
        "“docker CLI → berthd” is the docker CLI 28 against berthd: the same client as the docker column, "
        "so it compares the daemons alone.",
        "",
        *rows,
        "",
        NOTE,
        "",
        f"Floor: the bare runtime on an overlay bundle of the same rootfs (mount + `runc run` + umount): "
        + (f"**{cell(floor_fig, 'ms')}**" if floor else "failed") + ". ",
        "",
        f"![ratios]({chart_path.name})",
        "",
        "## CPU per operation (ms): the CLI process tree (hyperfine user + system) + the daemons",
        "",
        "The daemons' share is the growth of their user + system time over the row (berthd; dockerd + its "
        "containerd; shims and conmon not included) divided by the runs, warm-ups and prepares included, "
        "so an upper bound with 10 ms ticks. podman has no daemon: its figure is its CLI's tree.",
        "",
        *cpu_table(figures),
        "",
        "## How each engine runs",
        "",
        "- **berth**: `bin/berthd` from this checkout (`tests/lib/daemon.sh`: private data root, exec root, socket "
        "and cgroup parent), runc, conmon. Its default network is its own bridge (`--bridge`, a private "
        "subnet).",
        "- **docker**: Debian's docker.io with `--data-root`, `--exec-root`, `-H unix://…`, `--pidfile` in a temp dir "
        "(it starts its own containerd there), a private bridge made for the run (`--bridge`) and "
        "`--iptables=false --ip6tables=false --ip-forward=false --ip-masq=false`: containers get a veth on a "
        "bridge as usual, no firewall table or sysctl is touched. Bridge deleted afterwards.",
        "- **podman**: Debian's podman, daemonless, `--root`/`--runroot` and `CONTAINERS_CONF` in a temp dir "
        "(runc, cgroupfs, the ulimits of ENGINEERING.md §4), a private CNI network as its default network "
        "(bridge plugin only: no masquerade, firewall or portmap plugin), deleted afterwards.",
        "- Same image in all three: `scripts/busybox-image.sh` imported with `CMD [\"sh\"]`. The load row loads a "
        "`docker save` archive of a second image (the same rootfs plus one file), removed before each run.",
        "- Pull/push: Debian's docker-registry on a loopback port (plain http, which every engine treats as insecure; "
        "podman is told `--tls-verify=false`). The image: the busybox layer every engine already has plus three "
        "layers of 10 MiB of random bytes, pushed by skopeo (gzip). A pull starts with the image removed; a push "
        "starts with the registry's storage wiped, so every layer goes up. berth keeps the gzip blob of a pulled or "
        "once-pushed layer and sends it again; docker compresses every push anew.",
        "",
        "## Versions",
        "",
        *[f"- {k}: {facts[k]}" for k in ("berth", "java", "dockerd", "containerd", "podman", "docker CLI",
                                          "runc", "conmon", "hyperfine")],
        "",
    ]
    md.write_text("\n".join(lines))


if __name__ == "__main__":
    main()
