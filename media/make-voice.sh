#!/usr/bin/env bash
# Mandarin voice prompts of the scan page, generated at build time with espeak-ng (never
# committed): ok.wav after a check-in, fail.wav after a refused code, aim.wav when the scan page
# opens. Usage: make-voice.sh OUTDIR
set -euo pipefail
out=${1:?usage: make-voice.sh OUTDIR}
mkdir -p "$out"
say() { # file text: written to a temporary name, then renamed (no half-written prompt)
  espeak-ng -v cmn -s 150 -p 45 -w "$out/.$1.tmp" "$2"
  mv -f "$out/.$1.tmp" "$out/$1"
}
say ok.wav   "签到成功"
say fail.wav "签到未成功，请再试一次，或联系工作人员"
say aim.wav  "请将党员码对准摄像头"
