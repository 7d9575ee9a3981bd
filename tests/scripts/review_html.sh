#!/usr/bin/env bash
# --format html (#17) in a real browser: headless Chromium loads the page
# warta writes for several documents (one with <script>, & and quotes in
# its text and file name, one that fails); in the DOM it builds, every
# entity of the JSON output of the same run is a <mark> of its type over
# exactly its text with its score in the title, the input's markup stayed
# text (no <script> element, no element from the input), every document has
# its section; and a screenshot PNG is produced.  Skips (77) only when
# chromium is not installed or cannot start.
. "$(dirname "$0")/batch_lib.bash"
command -v python3 >/dev/null || { echo "python3 not installed"; exit 77; }
CHROME=$(command -v chromium || command -v chromium-browser || true)
[ -n "$CHROME" ] || { echo "chromium not installed (apt-get install chromium): HTML not checked in a browser"; exit 77; }
cd "$T"
export HOME=$T # chromium's profile
chrome() { timeout 120 "$CHROME" --headless --no-sandbox --disable-gpu --no-first-run \
  --user-data-dir="$T/profile" "$@" 2>>chrome.err; }
chrome --dump-dom "data:text/html,<p>ok</p>" >probe.html
grep -q '<p>ok</p>' probe.html || { echo "chromium cannot run here: $(tail -1 chrome.err)"; exit 77; }

mkdir in
name='in/<script>x&"y".txt'
printf 'Kata <script>alert("pwned")</script> & <b>tebal</b>: Presiden Joko Widodo bertemu "Anwar Ibrahim" di Jakarta soal Rp 5 juta.\n\nBaris baru.' >"$name"
printf 'x\0y' >in/rusak.dat
files=("$name" "$ROOT/tests/articles/diplomasi.txt" in/rusak.dat "$ROOT/tests/articles/ekonomi.txt")
"$WARTA" -q -f html "${files[@]}" >page.html 2>/dev/null
"$WARTA" -q "${files[@]}" >out.jsonl 2>/dev/null
grep -qi '<script' page.html && fail "input markup written raw"
grep -Eqi '(src|href)=|@import|url\(' page.html && fail "the page refers to an external asset"
chrome --dump-dom "file://$T/page.html" >dom.html
chrome --window-size=1000,1600 --screenshot="$T/shot.png" "file://$T/page.html" >/dev/null
[ -s dom.html ] || fail "no DOM from chromium: $(tail -3 chrome.err)"
python3 - <<'PY' || exit 1
import json
from html.parser import HTMLParser

class Dom(HTMLParser):
    def __init__(self):
        super().__init__()
        self.sections, self.stack, self.tags = [], [], set()
    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        a = dict(attrs)
        if tag == 'section':
            self.sections.append({'h2': '', 'marks': [], 'error': ''})
        self.stack.append((tag, a, []))
    def handle_endtag(self, tag):
        while self.stack:
            t, a, text = self.stack.pop()
            s = ''.join(text)
            if self.stack:
                self.stack[-1][2].append(s)
            if t == 'h2' and self.sections:
                self.sections[-1]['h2'] = s
            if t == 'mark' and 'data-start' in a and self.sections:
                self.sections[-1]['marks'].append((a['data-type'], int(a['data-start']), int(a['data-end']), s, a.get('title', ''), a.get('class', '')))
            if t == 'p' and 'error' in a.get('class', '') and self.sections:
                self.sections[-1]['error'] = s
            if t == tag:
                break
    def handle_data(self, d):
        if self.stack:
            self.stack[-1][2].append(d)

dom = Dom()
dom.feed(open('dom.html', encoding='utf-8').read())
assert 'script' not in dom.tags and 'b' not in dom.tags, sorted(dom.tags)
docs = [json.loads(l, parse_float=str, parse_int=str) for l in open('out.jsonl', encoding='utf-8')]
assert len(dom.sections) == len(docs) == 4, (len(dom.sections), len(docs))
total = 0
for sec, doc in zip(dom.sections, docs):
    assert sec['h2'] == doc['source'], (sec['h2'], doc['source'])
    if 'error' in doc:
        assert sec['error'].endswith(doc['error']) and not sec['marks'], sec
        continue
    want = [(e['type'], int(e['start']), int(e['end']), e['text']) for e in doc['entities']]
    got = [m[:4] for m in sec['marks']]
    assert got == want, (got, want)
    for m, e in zip(sec['marks'], doc['entities']):
        assert m[4].startswith(e['type'] + ': ') and m[4].endswith('score ' + e['score']), m
        assert e['type'] in m[5].split(), m
    total += len(want)
first = dom.sections[0]
assert any(m[3] == 'Joko Widodo' for m in first['marks']), first['marks']
assert total > 20, total
print('entities marked:', total)
PY
python3 - <<'PY' || exit 1
import struct
b = open('shot.png', 'rb').read()
assert b[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
w, h = struct.unpack('>II', b[16:24])
assert w >= 800 and h >= 1000 and len(b) > 20000, (w, h, len(b))
PY
[ -n "${KEEP_SHOT:-}" ] && cp shot.png "$KEEP_SHOT"
echo ok
