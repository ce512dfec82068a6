# window.py series t0 t1 -> per-thread CPU between t0 and t1 (tab lines tid comm secs)
import sys
t0, t1 = float(sys.argv[2]), float(sys.argv[3])
first, last = {}, {}
for line in open(sys.argv[1]):
    t, tid, c, v = line.rstrip('\n').split('\t'); t = float(t); v = float(v)
    if t < t0:
        first[tid] = v
    elif t <= t1:
        last[tid] = (c, v)
for tid, (c, v) in last.items():
    print('%s\t%s\t%.2f' % (tid, c, v - first.get(tid, 0.0)))
