"""Warm round trip on the tslab kernel: execute request sent -> first output received, over ZMQ.
tslab shows a cell's last value as stdout text (not execute_result), so the first output of either kind counts.

Usage: python3 tslab_roundtrip.py RUNS WARMUP CODE   (prints JSON: kernelStartMs, samplesMs)
"""
import json
import sys
import time

from jupyter_client.manager import start_new_kernel

runs, warmup, code = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
started = time.perf_counter()
manager, client = start_new_kernel(kernel_name="tslab", startup_timeout=120)
kernel_start_ms = (time.perf_counter() - started) * 1000
samples = []
try:
    for i in range(warmup + runs):
        begin = time.perf_counter()
        msg_id = client.execute(code)
        result = None
        while True:
            msg = client.get_iopub_msg(timeout=60)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            kind = msg["msg_type"]
            if result is None and kind in ("execute_result", "display_data", "stream"):
                content = msg["content"]
                result = content["text"] if kind == "stream" else content["data"].get("text/plain")
                elapsed = (time.perf_counter() - begin) * 1000
            elif kind == "error":
                raise RuntimeError(f"tslab error: {msg['content'].get('evalue')}")
            elif kind == "status" and msg["content"]["execution_state"] == "idle":
                break
        if result is None or "2" not in result:
            raise RuntimeError(f"unexpected result {result!r}")
        if i >= warmup:
            samples.append(elapsed)
finally:
    client.stop_channels()
    manager.shutdown_kernel(now=True)
print(json.dumps({"kernelStartMs": kernel_start_ms, "samplesMs": samples}))
