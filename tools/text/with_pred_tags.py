"""Copy predicted UPOS/XPOS into a gold CoNLL-U file (same words, same order).

usage: with_pred_tags.py GOLD.conllu PRED.conllu OUT.conllu

OUT keeps GOLD's trees but carries PRED's tags, so `parley train parser --dev OUT` prints the
parser's dev score with predicted tags (the figure `parley parse --conllu GOLD --eval` gives).
"""
import sys
g = open(sys.argv[1]).read().split('\n'); p = [l for l in open(sys.argv[2]).read().split('\n')]
pw = [l.split('\t') for l in p if l and not l.startswith('#') and l.split('\t')[0].isdigit()]
out = []; k = 0
for l in g:
    c = l.split('\t')
    if l and not l.startswith('#') and c[0].isdigit():
        c[3], c[4] = pw[k][3], pw[k][4]; k += 1
        l = '\t'.join(c)
    out.append(l)
assert k == len(pw), (k, len(pw))
open(sys.argv[3], 'w').write('\n'.join(out))
