import os, sys, time
pid = sys.argv[1]; out = open(sys.argv[2], 'w')
hz = os.sysconf('SC_CLK_TCK')
while os.path.exists('/proc/%s' % pid):
    now = time.time()
    try:
        for tid in os.listdir('/proc/%s/task' % pid):
            try:
                s = open('/proc/%s/task/%s/stat' % (pid, tid)).read()
            except OSError:
                continue
            comm = s[s.index('(')+1:s.rindex(')')]
            f = s[s.rindex(')')+2:].split()
            out.write('%.2f\t%s\t%s\t%.2f\n' % (now, tid, comm, (int(f[11]) + int(f[12])) / hz))
    except OSError:
        break
    time.sleep(0.3)
out.close()
