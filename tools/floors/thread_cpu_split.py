import sys, re, collections
cats = [
 ('kafka producers (receipts, bench, broker-internal)', r'^kafka-producer-'),
 ('broker', r'^(data-plane|kafka-network|kafka-request|raft|quorum|TxnMarker|group-coord|kafka-|broker-|controller|LogCleaner|metrics-meter|kafka-log|ExpirationReaper|transaction|share-|executor-|ReplicaFetcher|feature-zk|ThrottledChannel|kafka-scheduler|scheduler|BrokerLifecycle|node-to-controller|AlterPartition|ForwardingManager|event-process|KafkaEventQueue|snapshot|kafka-1-raft|RaftManager|LeaderImbalance|ClientQuota|SessionExpirer|kafka-producer-network-thread \| broker)'),

 ('consumer io', r'^(kafka-coordinator|consumer_background)'),
 ('replica poll loop', r'replica'),
 ('bulkhead (delivery)', r'^bulkhead'),
 ('jdk http client', r'^(dispatcher-http|HttpClient)'),
 ('receiver (JDK HttpServer)', r'^(idempotent|HTTP-Dispatcher)'),
 ('jit', r'^C[12] Compiler'),
 ('gc', r'^(GC Thread|G1|VM Thread|VM Periodic)'),
 ('bench main', r'^main$'),
]
tot = collections.Counter(); names = collections.defaultdict(collections.Counter)
for line in open(sys.argv[1]):
    tid, c, t = line.rstrip('\n').split('\t'); t = float(t)
    for name, rx in cats:
        if re.search(rx, c):
            tot[name] += t; names[name][c] += t; break
    else:
        tot['other'] += t; names['other'][c] += t
all_ = sum(tot.values()); pages = float(sys.argv[2]) if len(sys.argv) > 2 else 0
print('total CPU s %.1f' % all_)
for k, v in tot.most_common():
    print('%-22s %7.1f s %5.1f %%  %s  top: %s' % (k, v, 100*v/all_, ('%.0f us/page' % (1e6*v/pages)) if pages else '', ', '.join('%s=%.1f' % x for x in names[k].most_common(4))))
