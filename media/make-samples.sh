#!/usr/bin/env bash
# Generates the kiosk's sample 廉政 education videos into OUTDIR (never committed to git):
# three short H.264/AAC clips (640x360) with Mandarin narration by espeak-ng, matching SRT
# subtitles and PNG posters, plus OUTDIR/videos.json (the format of media/videos.json).
#
#   bash media/make-samples.sh OUTDIR
#
# Each clip is its narration padded to at least 30 s. The subtitles are timed from the length
# of each spoken sentence, so what is heard and what is shown agree. Run by media/CMakeLists.txt
# at build time; takes a few seconds per clip.
set -euo pipefail

out=${1:?usage: make-samples.sh OUTDIR}
manifest_template="$(cd "$(dirname "$0")" && pwd)/videos.json"
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

font=""
for f in /usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc; do
  [ -f "$f" ] && { font=$f; break; }
done
[ -n "$font" ] || { echo "make-samples: Noto CJK font missing (apt-get install fonts-noto-cjk)" >&2; exit 1; }
for tool in ffmpeg espeak-ng sox soxi; do
  command -v "$tool" >/dev/null || { echo "make-samples: $tool missing (kiosk-config/install-deps.sh)" >&2; exit 1; }
done
# The Hanzi-reading Mandarin voice; cmn-latn-pinyin is the same voice reading Latin as Pinyin.
voice=cmn
espeak-ng --voices=cmn | grep -q ' cmn ' || voice=cmn-latn-pinyin

srt_time() { # seconds (float) -> 00:00:01,234
  awk -v t="$1" 'BEGIN { ms = int(t * 1000 + 0.5); printf "%02d:%02d:%02d,%03d", ms/3600000, (ms/60000)%60, (ms/1000)%60, ms%1000 }'
}

# make_clip ID COLOUR TITLE SENTENCE...
make_clip() {
  local id=$1 colour=$2 title=$3
  shift 3
  local srt="$work/$id.srt" t=0.5 n=0 parts=()
  : > "$srt"
  sox -n -r 22050 -c 1 "$work/$id-lead.wav" trim 0 0.5
  parts+=("$work/$id-lead.wav")
  for sentence in "$@"; do
    n=$((n + 1))
    espeak-ng -v "$voice" -s 165 -w "$work/$id-$n-raw.wav" "$sentence"
    sox "$work/$id-$n-raw.wav" -r 22050 -c 1 "$work/$id-$n.wav" pad 0 0.6
    local len end
    len=$(soxi -D "$work/$id-$n-raw.wav")
    end=$(awk -v a="$t" -v b="$len" 'BEGIN { printf "%.3f", a + b }')
    printf '%d\n%s --> %s\n%s\n\n' "$n" "$(srt_time "$t")" "$(srt_time "$end")" "$sentence" >> "$srt"
    t=$(awk -v a="$end" 'BEGIN { printf "%.3f", a + 0.6 }')
    parts+=("$work/$id-$n.wav")
  done
  sox "${parts[@]}" "$work/$id.wav"
  # At least 30 s: pad the narration with silence (the picture keeps running).
  local dur
  dur=$(soxi -D "$work/$id.wav")
  if awk -v d="$dur" 'BEGIN { exit !(d < 30) }'; then
    sox "$work/$id.wav" "$work/$id-padded.wav" pad 0 "$(awk -v d="$dur" 'BEGIN { print 30.5 - d }')"
    mv "$work/$id-padded.wav" "$work/$id.wav"
  fi
  dur=$(soxi -D "$work/$id.wav")

  printf '%s' "$title" > "$work/$id-title.txt"
  ffmpeg -hide_banner -loglevel error -y \
    -f lavfi -i "color=c=$colour:s=640x360:r=25:d=$dur" -i "$work/$id.wav" \
    -vf "drawtext=fontfile=$font:textfile=$work/$id-title.txt:fontcolor=white:fontsize=40:x=(w-tw)/2:y=110,drawtext=fontfile=$font:text='%{pts\\:hms}':fontcolor=0xFFE0A0:fontsize=28:x=(w-tw)/2:y=190" \
    -c:v libx264 -preset veryfast -crf 28 -pix_fmt yuv420p -c:a aac -b:a 64k -ac 1 \
    -movflags +faststart -shortest "$out/$id.mp4"
  ffmpeg -hide_banner -loglevel error -y -f lavfi -i "color=c=$colour:s=640x360:d=1" -frames:v 1 \
    -vf "drawtext=fontfile=$font:textfile=$work/$id-title.txt:fontcolor=white:fontsize=44:x=(w-tw)/2:y=(h-th)/2-20,drawbox=x=220:y=250:w=200:h=8:color=0xE0B04A:t=fill" \
    "$out/$id.png"
  cp "$srt" "$out/$id.srt"
  printf '%s %s\n' "$id" "$(awk -v d="$dur" 'BEGIN { printf "%d", d + 0.5 }')" >> "$work/durations"
  echo "make-samples: $out/$id.mp4 (${dur%.*} s)"
}

make_clip lianzheng-01 0xA00C24 "廉洁从政 从我做起" \
  "同志们好，欢迎观看廉政教育短片。" \
  "党风廉政建设，是党的建设的重要内容。" \
  "每一名党员都要严守纪律，廉洁自律。" \
  "不该拿的不拿，不该吃的不吃。" \
  "让我们从身边小事做起，清清白白做人。"

make_clip jingshi-01 0x3A3A3A "警钟长鸣 以案为鉴" \
  "这是一部警示教育短片。" \
  "少数党员干部，因为放松学习，走上了违纪违法的道路。" \
  "他们的教训十分深刻。" \
  "我们要以案为鉴，以案促改，守住底线。"

make_clip dangzhang-01 0x8B5A00 "学习党章 遵守党规" \
  "党章是党的根本大法。" \
  "学习党章，是每一名党员的基本要求。" \
  "我们要自觉遵守党的纪律，" \
  "按时参加组织生活，按时交纳党费。"

# The manifest with each clip's real length (the narration decides it, not the template).
awk 'NR == FNR { d[$1] = $2; next }
     /"id":/ { id = $2; gsub(/[",]/, "", id) }
     /"duration":/ && (id in d) { sub(/[0-9]+/, d[id]) }
     { print }' "$work/durations" "$manifest_template" > "$out/videos.json"
echo "make-samples: $out/videos.json"
