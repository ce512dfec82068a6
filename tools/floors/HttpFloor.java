import dev.pagerboy.devstack.IdempotentReceiver;
import java.lang.management.*;
import java.net.URI;
import java.net.http.*;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;

/** HTTP floor: N client threads doing blocking POSTs (JDK HttpClient, as the dispatcher) to the bench's IdempotentReceiver; no Kafka. */
public class HttpFloor {
    public static void main(String[] a) throws Exception {
        String mode = a[0]; int threads = Integer.parseInt(a[1]); int seconds = Integer.parseInt(a[2]);
        IdempotentReceiver rx = IdempotentReceiver.start(8);
        System.setProperty("http.maxConnections", "128");
        ExecutorService exec = !mode.startsWith("fixed") ? Executors.newCachedThreadPool(r -> { Thread t = new Thread(r, "dispatcher-http"); t.setDaemon(true); return t; })
            : Executors.newFixedThreadPool(Integer.parseInt(mode.substring(5)), r -> { Thread t = new Thread(r, "dispatcher-http"); t.setDaemon(true); return t; });
        HttpClient http = HttpClient.newBuilder().executor(exec).version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        URI url = rx.url("/bench");
        byte[] body = new byte[1100]; Arrays.fill(body, (byte) 'x');
        AtomicLong n = new AtomicLong(); AtomicBoolean measuring = new AtomicBoolean(); volatile_stop[0] = false;
        List<Thread> ts = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int id = i;
            Thread t = new Thread(() -> {
                long k = 0;
                while (!volatile_stop[0]) {
                    if (mode.equals("urlconn")) { try {
                        var c = (java.net.HttpURLConnection) url.toURL().openConnection(); c.setDoOutput(true); c.setRequestMethod("POST");
                        c.setConnectTimeout(10000); c.setReadTimeout(10000); c.setRequestProperty("Content-Type", "application/json");
                        c.setRequestProperty("User-Agent", "PagerBoy-Dispatcher"); c.setRequestProperty("Idempotency-Key", id + "-" + (k++));
                        c.setFixedLengthStreamingMode(body.length); try (var o = c.getOutputStream()) { o.write(body); }
                        int st = c.getResponseCode(); c.getInputStream().readAllBytes(); c.getInputStream().close();
                        if (st == 200 && measuring.get()) n.incrementAndGet(); } catch (Exception e) { throw new RuntimeException(e); } continue; }
                    HttpRequest req = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                        .header("User-Agent", "PagerBoy-Dispatcher").header("Idempotency-Key", id + "-" + (k++))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                    try { HttpResponse<Void> r = http.send(req, HttpResponse.BodyHandlers.discarding()); if (r.statusCode() == 200 && measuring.get()) n.incrementAndGet(); }
                    catch (Exception e) { throw new RuntimeException(e); }
                }
            }, "bulkhead-floor");
            t.setDaemon(true); t.start(); ts.add(t);
        }
        Thread.sleep(4000); // warm-up
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<String, Double> before = cpu(mx);
        long t0 = System.nanoTime(); measuring.set(true);
        Thread.sleep(seconds * 1000L);
        measuring.set(false); long done = n.get(); double s = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> after = cpu(mx);
        volatile_stop[0] = true;
        System.out.printf("mode=%s threads=%d posts_per_s=%.0f%n", mode, threads, done / s);
        double tot = 0;
        for (var e : after.entrySet()) { double d = e.getValue() - before.getOrDefault(e.getKey(), 0.0); tot += d;
            if (d > 0.05) System.out.printf("  %-24s %6.2f s  %5.0f us/post%n", e.getKey(), d, 1e6 * d / done); }
        System.out.printf("  all java threads %.2f s = %.0f us/post (wall %.1f s)%n", tot, 1e6 * tot / done, s);
        System.exit(0);
    }
    static final boolean[] volatile_stop = {false};
    static Map<String, Double> cpu(ThreadMXBean mx) {
        Map<String, Double> m = new TreeMap<>();
        for (ThreadInfo ti : mx.getThreadInfo(mx.getAllThreadIds())) { if (ti == null) continue;
            long c = mx.getThreadCpuTime(ti.getThreadId()); if (c < 0) continue;
            String n = ti.getThreadName().replaceAll("[-#]?\\d+$", "").replaceAll("-\\d+-", "-N-");
            m.merge(n, c / 1e9, Double::sum); }
        return m;
    }
}
