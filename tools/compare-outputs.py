#!/usr/bin/env python3
"""Compares what two replyguard binaries say about every fixture, case by case.

For each case of `fixtures/corpus`, `fixtures/holdout` and the files of `fixtures/replies`,
runs `check --format json` and `fix` (with the case's names and platform, text on stdin)
and records stdout and exit code. `dump` writes those records for one binary; `diff`
compares two dumps and lists the cases whose output differs.

    tools/compare-outputs.py dump target/release/replyguard /tmp/new.jsonl
    tools/compare-outputs.py diff /tmp/old.jsonl /tmp/new.jsonl

Used by the engine reshape to show that outputs stayed byte-identical, except cases
listed with a reason.
"""

import concurrent.futures
import glob
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLATFORMS = {"facebook", "instagram", "x", "yelp", "google", "generic"}


def cases():
    for folder in ("fixtures/corpus", "fixtures/holdout"):
        for path in sorted(glob.glob(os.path.join(ROOT, folder, "*.jsonl"))):
            with open(path, encoding="utf-8") as lines:
                for line in lines:
                    if line.strip():
                        case = json.loads(line)
                        yield case["id"], case["text"], case.get("names", []), case.get("platform")
    for path in sorted(glob.glob(os.path.join(ROOT, "fixtures/replies/*.txt"))):
        with open(path, encoding="utf-8") as text:
            yield os.path.relpath(path, ROOT), text.read(), [], None


def run(binary, case):
    case_id, text, names, platform = case
    flags = ["--no-config", "--color", "never"]
    for name in names:
        flags += ["--name", name]
    if platform in PLATFORMS:
        flags += ["--platform", platform]
    record = {"id": case_id}
    for command in (["check", "--format", "json"], ["fix"]):
        done = subprocess.run(
            [binary, *command, *flags, "-"],
            input=text.encode("utf-8"),
            capture_output=True,
            cwd=ROOT,
            check=False,
        )
        record[command[0]] = {
            "exit": done.returncode,
            "stdout": done.stdout.decode("utf-8", "replace"),
        }
    return record


def dump(binary, out):
    binary = os.path.abspath(binary)
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        records = list(pool.map(lambda case: run(binary, case), cases()))
    with open(out, "w", encoding="utf-8") as file:
        for record in records:
            file.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"{len(records)} cases written to {out}")


def load(path):
    with open(path, encoding="utf-8") as file:
        return {record["id"]: record for record in map(json.loads, file)}


def diff(old_path, new_path):
    old, new = load(old_path), load(new_path)
    changed = 0
    for case_id in sorted(set(old) | set(new)):
        before, after = old.get(case_id), new.get(case_id)
        if before == after:
            continue
        changed += 1
        parts = [
            command
            for command in ("check", "fix")
            if (before or {}).get(command) != (after or {}).get(command)
        ]
        print(f"{case_id}: {', '.join(parts) or 'missing'}")
    print(f"{changed} of {len(set(old) | set(new))} cases differ")
    return 1 if changed else 0


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "dump":
        dump(sys.argv[2], sys.argv[3])
        return 0
    if len(sys.argv) == 4 and sys.argv[1] == "diff":
        return diff(sys.argv[2], sys.argv[3])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
