package dev.pagerboy.streaming.archive.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.archive.ArchiveRecordCodec;
import dev.pagerboy.streaming.archive.EventHourBucketAssigner;
import dev.pagerboy.streaming.archive.ParquetRowWriterFactory;
import dev.pagerboy.streaming.records.Alert;
import dev.pagerboy.streaming.records.GroupFlush;
import dev.pagerboy.streaming.records.Notification;
import dev.pagerboy.streaming.records.Tick;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.local.LocalFileSystem;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;

/**
 * The archive write path on its own, measured in CPU time of the benchmark thread: real archive
 * rows ({@link ArchiveCorpus}: the bench's generated stream through the real pipeline) go through
 * the bucket assigner and {@link ParquetRowWriterFactory} into Parquet part files on local disk,
 * one open file per event-hour bucket, all of them closed every {@code --checkpoint-rows} rows as
 * the file sink does on every checkpoint. Separately it times the canonical JSON of the payloads
 * (rebuilt from the rows' own JSON as the records and maps the functions hand over).
 *
 * <pre>
 * java -cp streaming-job/target/test-classes:streaming-job/target/classes:$(cat streaming-job/target/classpath.txt) \
 *   dev.pagerboy.streaming.archive.bench.ArchiveWriteBench [--alerts 20000] [--checkpoint-rows 5000] \
 *   [--passes 9] [--corpus /tmp/archive-corpus.bin] [--phases write,bucket,json] \
 *   [--compression zstd|snappy|gzip|uncompressed] [--zstd-level 3]
 *   # --corpus: cache the generated rows there; --phases: what to time (columns: also print
 *   # each column's compressed bytes per row, from the footers of one extra pass)
 * </pre>
 *
 * Its last line is {@code key=value} pairs; the figures are medians over the measured passes. It
 * runs against whatever archive classes are first on the class path, so an old and a new build can
 * be compared side by side with the same harness.
 */
public final class ArchiveWriteBench {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ArchiveWriteBench() {}

    public static void main(String[] args) throws Exception {
        int alerts = 20_000;
        int checkpointRows = 5_000;
        int passes = 9;
        int warmup = 3;
        Path corpus = null;
        String phases = "write,bucket,json";
        CompressionCodecName compression = CompressionCodecName.ZSTD;
        int zstdLevel = 3;
        Path config =
                Path.of(System.getProperty("pagerboy.root", "."))
                        .resolve("streaming-job/config/bench.yaml");
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--alerts" -> alerts = Integer.parseInt(args[i + 1]);
                case "--checkpoint-rows" -> checkpointRows = Integer.parseInt(args[i + 1]);
                case "--passes" -> passes = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--config" -> config = Path.of(args[i + 1]);
                case "--corpus" -> corpus = Path.of(args[i + 1]);
                case "--phases" -> phases = args[i + 1];
                case "--compression" ->
                        compression =
                                CompressionCodecName.valueOf(
                                        args[i + 1].toUpperCase(java.util.Locale.ROOT));
                case "--zstd-level" -> zstdLevel = Integer.parseInt(args[i + 1]);
                default -> {
                    System.err.println("unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }

        long t0 = System.nanoTime();
        List<ArchiveRecord> rows = ArchiveCorpus.cached(corpus, config, 7, alerts);
        System.out.printf(
                "corpus: %,d rows from %,d generated alerts in %.1f s%n",
                rows.size(), alerts, (System.nanoTime() - t0) / 1e9);
        Map<String, Integer> kinds = new TreeMap<>();
        for (ArchiveRecord r : rows) {
            kinds.merge(r.kind().text(), 1, Integer::sum);
        }
        System.out.println("rows by kind: " + kinds);
        List<Integer> perCheckpoint = bucketsPerCheckpoint(rows, checkpointRows);
        System.out.printf(
                "buckets open per checkpoint of %,d rows: %s%n", checkpointRows, perCheckpoint);

        List<Object> payloads = phases.contains("json") ? payloads(rows) : List.of();
        if (!payloads.isEmpty()) {
            int differ = 0;
            for (int i = 0; i < rows.size(); i++) {
                if (!ArchiveRecord.CanonicalJson.write(payloads.get(i))
                        .equals(rows.get(i).payloadJson())) {
                    differ++;
                }
            }
            System.out.printf(
                    "json: %,d of %,d payloads re-encode to different bytes than the pipeline"
                            + " wrote%n",
                    differ, rows.size());
        }
        Path dir = Files.createTempDirectory("archive-write-bench-");
        try {
            ArchiveRecordCodec codec = new ArchiveRecordCodec();
            ParquetRowWriterFactory<ArchiveRecord> factory =
                    new ParquetRowWriterFactory<>(codec, compression, zstdLevel);
            final int cp = checkpointRows;
            EventHourBucketAssigner<ArchiveRecord> buckets = new EventHourBucketAssigner<>(codec);
            long[] bytes = new long[1];
            int[] files = new int[1];
            Result write =
                    !phases.contains("write")
                            ? Result.NONE
                            : measure(
                                    "write",
                                    rows.size(),
                                    warmup,
                                    passes,
                                    () -> {
                                        files[0] = writePass(rows, factory, buckets, dir, cp);
                                        bytes[0] = sizeAndClear(dir);
                                    });
            Result bucket =
                    !phases.contains("bucket")
                            ? Result.NONE
                            : measure(
                                    "bucket",
                                    rows.size(),
                                    warmup,
                                    passes,
                                    () -> {
                                        int sink = 0;
                                        for (ArchiveRecord r : rows) {
                                            sink += buckets.getBucketId(r, null).length();
                                        }
                                        blackhole(sink);
                                    });
            Result json =
                    !phases.contains("json")
                            ? Result.NONE
                            : measure(
                                    "json",
                                    payloads.size(),
                                    warmup,
                                    passes,
                                    () -> {
                                        int sink = 0;
                                        for (Object p : payloads) {
                                            sink += ArchiveRecord.CanonicalJson.write(p).length();
                                        }
                                        blackhole(sink);
                                    });
            System.out.printf(
                    "write: %d part files per pass, %.1f bytes per row on disk%n",
                    files[0], bytes[0] / (double) rows.size());
            if (phases.contains("columns")) {
                writePass(rows, factory, buckets, dir, cp);
                Map<String, Long> columns = columnBytes(dir);
                sizeAndClear(dir);
                long all = columns.values().stream().mapToLong(Long::longValue).sum();
                columns.forEach(
                        (column, size) ->
                                System.out.printf(
                                        "column %-17s %8.1f bytes per row (%4.1f %%)%n",
                                        column, size / (double) rows.size(), 100.0 * size / all));
            }
            System.out.printf(
                    "compression=%s zstd_level=%d raw_bytes_per_row=%.1f"
                            + " rows=%d checkpoint_rows=%d files_per_pass=%d bytes_per_row=%.1f"
                            + " write_cpu_us_per_row=%.3f write_rows_per_cpu_s=%.0f"
                            + " write_rows_per_s=%.0f bucket_cpu_ns_per_row=%.0f"
                            + " json_cpu_us_per_row=%.3f%n",
                    compression.name().toLowerCase(java.util.Locale.ROOT),
                    zstdLevel,
                    rawBytes(rows) / (double) rows.size(),
                    rows.size(),
                    checkpointRows,
                    files[0],
                    bytes[0] / (double) rows.size(),
                    write.cpuMicrosPerItem(),
                    1e6 / write.cpuMicrosPerItem(),
                    write.itemsPerWallSecond(),
                    bucket.cpuMicrosPerItem() * 1000,
                    json.cpuMicrosPerItem());
        } finally {
            sizeAndClear(dir);
            Files.deleteIfExists(dir);
        }
    }

    /** One pass of the corpus through the writer factory; returns the number of part files. */
    private static int writePass(
            List<ArchiveRecord> rows,
            ParquetRowWriterFactory<ArchiveRecord> factory,
            EventHourBucketAssigner<ArchiveRecord> buckets,
            Path dir,
            int checkpointRows)
            throws IOException {
        FileSystem fs = LocalFileSystem.getSharedInstance();
        Map<String, Part> open = new HashMap<>();
        int files = 0;
        int inCheckpoint = 0;
        for (ArchiveRecord row : rows) {
            String bucket = buckets.getBucketId(row, null);
            Part part = open.get(bucket);
            if (part == null) {
                Path file = dir.resolve("part-" + files++ + ".parquet");
                FSDataOutputStream out =
                        fs.create(
                                new org.apache.flink.core.fs.Path(file.toUri()),
                                FileSystem.WriteMode.OVERWRITE);
                part = new Part(out, factory.create(out));
                open.put(bucket, part);
            }
            part.writer.addElement(row);
            if (++inCheckpoint == checkpointRows) {
                closeAll(open);
                inCheckpoint = 0;
            }
        }
        closeAll(open);
        return files;
    }

    /** Compressed bytes per column over every part file in {@code dir}, from their footers. */
    private static Map<String, Long> columnBytes(Path dir) throws IOException {
        Map<String, Long> sizes = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
                    for (BlockMetaData block : reader.getFooter().getBlocks()) {
                        for (ColumnChunkMetaData column : block.getColumns()) {
                            sizes.merge(
                                    column.getPath().toDotString(),
                                    column.getTotalSize(),
                                    Long::sum);
                        }
                    }
                }
            }
        }
        return sizes;
    }

    /** The inputs' own bytes in the corpus (the {@code raw} column), the archive's yardstick. */
    private static long rawBytes(List<ArchiveRecord> rows) {
        long bytes = 0;
        for (ArchiveRecord row : rows) {
            bytes += row.raw().length;
        }
        return bytes;
    }

    private record Part(FSDataOutputStream out, BulkWriter<ArchiveRecord> writer) {}

    /** What the file sink does to every open part file on a checkpoint. */
    private static void closeAll(Map<String, Part> open) throws IOException {
        for (Part part : open.values()) {
            part.writer.flush();
            part.writer.finish();
            part.out.close();
        }
        open.clear();
    }

    /** Distinct event-hour buckets in each window of {@code checkpointRows} consecutive rows. */
    private static List<Integer> bucketsPerCheckpoint(List<ArchiveRecord> rows, int size) {
        List<Integer> counts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            seen.add(EventHourBucketAssigner.bucketFor(rows.get(i).eventTime()));
            if ((i + 1) % size == 0 || i == rows.size() - 1) {
                counts.add(seen.size());
                seen.clear();
            }
        }
        return counts;
    }

    /**
     * The payload objects the functions pass to {@code ArchiveRecord.decision}, rebuilt from each
     * row's JSON: records for the kinds whose payload is a record, insertion-ordered maps
     * otherwise.
     */
    static List<Object> payloads(List<ArchiveRecord> rows) {
        ObjectMapper mapper =
                new ObjectMapper()
                        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        List<Object> payloads = new ArrayList<>(rows.size());
        for (ArchiveRecord r : rows) {
            try {
                Class<?> type =
                        switch (r.kind()) {
                            case ALERT -> Alert.class;
                            case TICK -> Tick.class;
                            case FLUSH -> GroupFlush.class;
                            case NOTIFICATION -> Notification.class;
                            default -> LinkedHashMap.class;
                        };
                payloads.add(mapper.readValue(r.payloadJson(), type));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot rebuild the payload of " + r.id(), e);
            }
        }
        return payloads;
    }

    private record Result(long items, long[] cpuNanos, long[] wallNanos) {
        static final Result NONE = new Result(1, new long[] {0}, new long[] {0});

        double cpuMicrosPerItem() {
            return median(cpuNanos) / 1000.0 / items;
        }

        double itemsPerWallSecond() {
            return items / (median(wallNanos) / 1e9);
        }
    }

    private interface Pass {
        void run() throws Exception;
    }

    private static Result measure(String name, long items, int warmup, int passes, Pass pass)
            throws Exception {
        for (int i = 0; i < warmup; i++) {
            pass.run();
        }
        long[] cpu = new long[passes];
        long[] wall = new long[passes];
        for (int i = 0; i < passes; i++) {
            long c0 = THREADS.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            pass.run();
            wall[i] = System.nanoTime() - w0;
            cpu[i] = THREADS.getCurrentThreadCpuTime() - c0;
        }
        Result r = new Result(items, cpu, wall);
        System.out.printf(
                "%s: %.3f CPU µs per item (passes: %s ms CPU), %,.0f items/s wall%n",
                name,
                r.cpuMicrosPerItem(),
                Arrays.toString(Arrays.stream(cpu).map(n -> n / 1_000_000).toArray()),
                r.itemsPerWallSecond());
        return r;
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long sizeAndClear(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            long[] total = new long[1];
            files.forEach(
                    ((Consumer<Path>)
                            f -> {
                                try {
                                    total[0] += Files.size(f);
                                    Files.delete(f);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            }));
            return total[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static volatile int blackholeSink;

    private static void blackhole(int value) {
        blackholeSink += value;
    }
}
