#!/usr/bin/env bash
# Whole-process start-up and batch throughput, with hyperfine and ripgrep from Debian's
# packages (apt-get install hyperfine ripgrep). Run from the repository root:
#   bash benches/run.sh
# It builds the release binary, times a cold check of a 294-byte reply (median of 1000
# runs, the figure the start-up target is about) and its peak memory, and times a batch
# audit of the labeled corpus repeated 40 times (128,240 replies, 19 MB, with the
# 3,206-case corpus) against `rg -i -F -w -f` with the built-in packs' strong terms over
# the same file.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null && command -v rg >/dev/null || {
    echo "needs hyperfine and ripgrep: apt-get install hyperfine ripgrep" >&2
    exit 2
}
cargo build --release --quiet
bin=target/release/replyguard
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import glob, json, sys
work = sys.argv[1]
records = [json.loads(line) for path in sorted(glob.glob("fixtures/corpus/*.jsonl")) for line in open(path)]
with open(f"{work}/history.jsonl", "w") as out:
    for round in range(40):
        for record in records:
            out.write(json.dumps({"id": f"{round}-{record['id']}", "text": record["text"]}) + "\n")
terms = set()
import re
for path in glob.glob("rules/*.yaml"):
    text = open(path).read()
    # Strong terms: list items under a `strong:` key, up to the next key.
    for block in re.findall(r"\n    strong:\n((?:      - .*\n)+)", text):
        for item in re.findall(r"      - (.*)", block):
            terms.add(item.strip().strip("'\""))
open(f"{work}/terms.txt", "w").write("\n".join(sorted(terms)) + "\n")
PY

reply=fixtures/replies/google-root-canal-300.txt
echo "== cold check of a 294-byte reply with findings, and of a passing reply"
hyperfine --warmup 20 --runs 1000 -N -i --export-json "$work/startup.json" \
    "$bin check $reply" "$bin check fixtures/replies/instagram-promo.txt"
python3 - "$work/startup.json" <<'PY'
import json, sys
for result in json.load(open(sys.argv[1]))["results"]:
    print(f"median {result['median'] * 1000:.2f} ms: {result['command']}")
PY
echo "== peak memory of that check"
/usr/bin/time -f "%M kB peak resident" "$bin" check "$reply" >/dev/null || true
echo "== batch audit ($(wc -l < "$work/history.jsonl") replies, $(du -h "$work/history.jsonl" | cut -f1))"
hyperfine --warmup 1 --runs 5 -N -i \
    "$bin check --jsonl $work/history.jsonl" \
    "$bin check --jsonl --jobs 1 $work/history.jsonl" \
    "rg -i -F -w -c -f $work/terms.txt $work/history.jsonl"
