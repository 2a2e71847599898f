"""Map-reduce of an mxscan scan on a Dask LocalCluster bound to 127.0.0.1 only.

Map: each task runs `mxscan scan ... --shard I/N --partial` and returns the partial report; the partials
are written to OUT/part-I.json for the reduce step (`mxscan merge OUT/part-*.json`, run by the caller).
Prints one JSON line: the partials written, each task's exit code, and every TCP port that the cluster's
processes listen on (read with `ss -ltnpH` while the cluster runs), so the caller can check none is bound
beyond 127.0.0.1.

usage: dask_shards.py NODE BIN CWD N OUT [SCAN ARGS...]
"""
import json
import os
import re
import subprocess
import sys

import psutil
from dask.distributed import Client, LocalCluster


def scan_shard(node, bin_path, cwd, index, count, args):
    r = subprocess.run([node, bin_path, "scan", *args, "--shard", f"{index}/{count}", "--partial", "--jobs", "1", "-q"],
                       cwd=cwd, capture_output=True, text=True)
    return {"index": index, "code": r.returncode, "partial": r.stdout, "stderr": r.stderr}


def listeners():
    """Every listening TCP socket of this process and its children: [address:port, pid]."""
    pids = {os.getpid()} | {p.pid for p in psutil.Process().children(recursive=True)}
    out = subprocess.run(["ss", "-ltnpH"], capture_output=True, text=True, check=True).stdout
    found = []
    for line in out.splitlines():
        cols = line.split()
        owners = {int(p) for p in re.findall(r"pid=(\d+)", line)}
        if owners & pids:
            found.append([cols[3], sorted(owners & pids)[0]])
    return found


def main():
    node, bin_path, cwd, count, out = sys.argv[1:6]
    count = int(count)
    args = sys.argv[6:]
    # Every address pinned to the loopback: the scheduler, the workers, their nannies, and the HTTP servers
    # (dashboards) that Dask starts even when no dashboard is asked for, which would otherwise take 0.0.0.0.
    cluster = LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        scheduler_port=0,
        dashboard_address="127.0.0.1:0",
        worker_dashboard_address="127.0.0.1:0",
        protocol="tcp",
    )
    try:
        with Client(cluster) as client:
            futures = client.map(scan_shard, [node] * count, [bin_path] * count, [cwd] * count,
                                 range(1, count + 1), [count] * count, [args] * count, pure=False)
            results = client.gather(futures)
            ports = listeners()
    finally:
        cluster.close()
    os.makedirs(out, exist_ok=True)
    written = []
    for r in results:
        path = os.path.join(out, f"part-{r['index']}.json")
        with open(path, "w") as f:
            f.write(r["partial"])
        written.append(path)
    print(json.dumps({"partials": written, "codes": [r["code"] for r in results],
                      "stderr": [r["stderr"] for r in results], "listeners": ports}))


if __name__ == "__main__":
    main()
