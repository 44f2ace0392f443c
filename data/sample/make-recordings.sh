#!/usr/bin/env bash
# make-recordings.sh — synthesise the recordings of the sample calls
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Rubric's "Try with sample data" plays six short calls. They are made here
# with espeak-ng (one voice for the agent, another for the customer) and sox
# (a short pause between turns, the narrow band of a phone line, a faint line
# hiss), and stored as 8 kHz mono mu-law WAV, the usual call-recording format.
# The WAV files are committed: neither the build nor the app needs these
# tools. To make them again (Debian: apt-get install espeak-ng sox):
#
#   data/sample/make-recordings.sh [OUTPUT-DIR]     (default: data/sample)
#
# The sample calls in src/core/rubric-sample.c name the agents who speak here.
set -eu

out=${1:-$(dirname "$0")}
for tool in espeak-ng sox soxi; do
  command -v "$tool" >/dev/null || { echo "make-recordings.sh: $tool is missing" >&2; exit 1; }
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# One turn of speech, as 8 kHz mono 16-bit: VOICE SPEED LEVEL TEXT.
turn () {
  local n=$1 voice=$2 speed=$3 level=$4 text=$5
  espeak-ng -v "$voice" -s "$speed" -w "$tmp/raw-$n.wav" "$text"
  sox -R "$tmp/raw-$n.wav" -r 8000 -c 1 -b 16 "$tmp/turn-$n.wav" vol "$level"
}

# call N AGENT-VOICE CUSTOMER-VOICE "A:line" "C:line" …
call () {
  local number=$1 agent=$2 customer=$3
  shift 3
  local parts=() n=0

  sox -R -n -r 8000 -c 1 -b 16 "$tmp/pause.wav" trim 0 0.35
  sox -R -n -r 8000 -c 1 -b 16 "$tmp/lead.wav" trim 0 0.3
  parts+=("$tmp/lead.wav")
  for line in "$@"; do
    n=$((n + 1))
    case $line in
      A:*) turn "$n" "$agent" 178 0.9 "${line#A:}" ;;
      C:*) turn "$n" "$customer" 182 0.7 "${line#C:}" ;;
      *) echo "make-recordings.sh: a line must start with A: or C:" >&2; exit 1 ;;
    esac
    parts+=("$tmp/turn-$n.wav" "$tmp/pause.wav")
  done

  sox -R "${parts[@]}" "$tmp/speech.wav"
  # A faint hiss for the whole call, then a phone line's band (300–3400 Hz).
  sox -R -n -r 8000 -c 1 -b 16 "$tmp/hiss.wav" \
    synth "$(soxi -D "$tmp/speech.wav")" pinknoise vol 0.012
  sox -R -m "$tmp/speech.wav" "$tmp/hiss.wav" -r 8000 -c 1 -e u-law "$out/call-$number.wav" \
    sinc 300-3400 gain -n -3
  # GStreamer 1.22's WAV parser gives up on a data chunk of odd length (and
  # the padding byte after it): keep an even number of one-byte samples.
  samples=$(soxi -s "$out/call-$number.wav")
  if [ $((samples % 2)) -eq 1 ]; then
    sox -R "$out/call-$number.wav" -e u-law "$tmp/even.wav" trim 0 "$((samples - 1))s"
    mv "$tmp/even.wav" "$out/call-$number.wav"
  fi
  printf 'call-%s.wav: %.1f s, %s bytes\n' "$number" "$(soxi -D "$out/call-$number.wav")" \
    "$(stat -c %s "$out/call-$number.wav")"
}

# Northwind Support: Anna Moreau, a card charged twice.
call 1 en-gb+f2 en-us+m3 \
  "A:Thank you for calling Northwind, this is Anna, how can I help?" \
  "C:Hi, my card was charged twice for the same order." \
  "A:I'm sorry about that. Can I have the order number, please?" \
  "C:It's four seven one two." \
  "A:Thank you. I've refunded the second charge, you'll see it in three to five days."

# Northwind Support: Julien Petit, an internet connection that keeps dropping.
call 2 en-us+m3 en-gb+f4 \
  "A:Northwind technical support, Julien speaking." \
  "C:Hello. My internet keeps dropping every evening, it's the third time I'm calling." \
  "A:I understand, let me look at your line. I can see errors on it since Monday." \
  "A:I'll book an engineer for Thursday morning and send you a text to confirm."

# Baltic Contact: Līga Ozola, a parcel that has not arrived.
call 3 en-gb+f3 en-us+m1 \
  "A:Good morning, Baltic Contact on behalf of Nordic Post, Liga speaking." \
  "C:Morning. My parcel was due on Friday and it still hasn't arrived." \
  "A:Let me check the tracking. It's at the Riga depot and goes out for delivery today." \
  "C:Oh good, thank you." \
  "A:You're welcome. Anything else I can help with?"

# Baltic Contact: Jānis Bērziņš, a change of address.
call 4 en-us+m7 en-gb+f2 \
  "A:Nordic Post customer service, this is Janis." \
  "C:Hi, I've moved and I need to change my delivery address." \
  "A:Of course. For security, can you confirm your date of birth?" \
  "C:The twelfth of March, nineteen eighty five." \
  "A:Thank you. What's the new address?"

# Acme Outsourcing: Tom Hughes, a password reset without checking who calls.
call 5 en-us+m3 en-us+f2 \
  "A:Acme help desk, Tom here." \
  "C:Hi, I'm locked out of my account, can you reset my password?" \
  "A:Sure, no problem. I've sent a new password to the email on file." \
  "C:Great, thanks. Bye."

# Acme Outsourcing: Priya Shah, a cancellation handed to retention.
call 6 en-gb+f4 en-gb+m3 \
  "A:Thank you for calling Acme, this is Priya, how can I help?" \
  "C:I'd like to cancel my subscription, it's too expensive." \
  "A:I'm sorry to hear that. I can offer you the basic plan at half the price." \
  "C:No thanks, just cancel it." \
  "A:Understood. I'll transfer you to the retention team to close the account."
