#!/usr/bin/env bash
# --format csv (#17): Python's csv module reads it back; the header, the
# exact rows of a hand-checked document (quoting of commas, quotes and a
# line break; money amount and range; a user-lexicon canonical name), a
# failed document's row with the error column, and every row of an article
# agrees with the JSON output of the same run.
. "$(dirname "$0")/batch_lib.bash"
command -v python3 >/dev/null || { echo "python3 not installed"; exit 77; }
cd "$T"
mkdir in
printf 'Dana "hibah" Rp 1,2 triliun untuk Budi Santoso,\nlalu Rp 5 juta hingga Rp 10 juta.' >'in/we,ird "name".txt'
printf 'abc\0def' >in/binary.dat
printf 'Budi Santoso\tPERSON\tBudi Santoso, S.H.\n' >lex.tsv
files=('in/we,ird "name".txt' in/binary.dat "$ROOT/tests/articles/ekonomi.txt")
rc=0
"$WARTA" -q --format csv --lexicon lex.tsv "${files[@]}" >out.csv 2>err.txt || rc=$?
[ "$rc" = 1 ] || fail "exit $rc, want 1 (one document failed)"
"$WARTA" -q --lexicon lex.tsv "${files[@]}" >out.jsonl 2>/dev/null
python3 - "$ROOT/tests/articles/ekonomi.txt" <<'PY' || exit 1
import csv, json, sys
art = sys.argv[1]
raw = open('out.csv', 'rb').read()
assert raw.endswith(b'\r\n') and raw.count(b'\r\n') >= raw.count(b'\n') - 1, "rows end with CRLF"
rows = list(csv.reader(open('out.csv', newline='', encoding='utf-8')))
head = "source,start,end,byte_start,byte_end,type,text,canonical,iso,currency,amount,min,max,score,error".split(',')
assert rows[0] == head, rows[0]
assert all(len(r) == 15 for r in rows), [r for r in rows if len(r) != 15]
src = 'in/we,ird "name".txt'
text = open(src, encoding='utf-8').read()
def span(s, n=1):
    i = -1
    for _ in range(n):
        i = text.index(s, i + 1)
    return [str(i), str(i + len(s)), str(i), str(i + len(s))]
mine = [r for r in rows[1:] if r[0] == src and r[5] in ('MONEY', 'PERSON')]
want = [
    [src] + span('Rp 1,2 triliun') + ['MONEY', 'Rp 1,2 triliun', '', '', 'IDR', '1200000000000', '', '', '0.95', ''],
    [src] + span('Budi Santoso') + ['PERSON', 'Budi Santoso', 'Budi Santoso, S.H.', '', '', '', '', '', '1', ''],
    [src] + span('Rp 5 juta hingga Rp 10 juta') + ['MONEY', 'Rp 5 juta hingga Rp 10 juta', '', '', 'IDR', '', '5000000', '10000000', '0.95', ''],
]
assert mine == want, "\n".join(map(repr, mine))
err = [r for r in rows if r[0] == 'in/binary.dat']
assert len(err) == 1 and err[0][1:14] == [''] * 13 and err[0][14].startswith('binary file'), err
# the article: every JSON entity is a CSV row with the same values
docs = [json.loads(l, parse_int=str, parse_float=str) for l in open('out.jsonl', encoding='utf-8')]
ents = [d for d in docs if d.get('source') == art][0]['entities']
arows = [r for r in rows if r[0] == art]
assert len(arows) == len(ents) > 5, (len(arows), len(ents))
for r, e in zip(arows, ents):
    n = e['normalized']
    assert r[1:7] == [str(e['start']), str(e['end']), str(e['byte_start']), str(e['byte_end']), e['type'], e['text']], (r, e)
    assert r[13] == e['score'] and 0 <= float(e['score']) <= 1, (r, e)
    if e['type'] == 'MONEY':
        got = (r[9], r[10], r[11], r[12])
        assert got == (n['currency'], n.get('amount', ''), n.get('min', ''), n.get('max', '')), (r, e)
    elif e['type'] == 'COUNTRY':
        assert r[8] == n['iso'] and r[7] == n['name'], (r, e)
    else:
        assert r[7] == n.get('canonical', n.get('name')), (r, e)
# every input accounted for, in order
order = []
for r in rows[1:]:
    if not order or order[-1] != r[0]:
        order.append(r[0])
assert order == [src, 'in/binary.dat', art], order
PY
echo ok
