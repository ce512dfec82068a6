package dev.pagerboy.streaming.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;

/**
 * Reads committed archive rows back from a local archive directory: the tests use it to count rows
 * per input, and replay uses it to feed history through the same pipeline again.
 *
 * <p>Only committed files are read. The file sink keeps files that are still being written, and the
 * small files waiting to be compacted, under names that start with a dot; Hadoop-style tools also
 * leave {@code _SUCCESS}-like markers. Both are skipped, as every Parquet reader does.
 */
public final class ArchiveReader<T> {

    private final Path root;
    private final AvroRowCodec<T> codec;

    public ArchiveReader(Path root, AvroRowCodec<T> codec) {
        this.root = root;
        this.codec = codec;
    }

    /** Committed Parquet files under the root, in path order (i.e. by event date and hour). */
    public List<Path> committedFiles() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(
                    root,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            if (attrs.isRegularFile() && isCommittedPart(root.relativize(file))) {
                                files.add(file);
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e)
                                throws IOException {
                            // A running job's sink renames an in-progress file when it commits
                            // it, so a file listed a moment ago may be gone: not an error.
                            if (e instanceof NoSuchFileException) {
                                return FileVisitResult.CONTINUE;
                            }
                            throw e;
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list archive " + root, e);
        }
        files.sort(null);
        return files;
    }

    /** Every committed row, file by file in path order. */
    public List<T> readAll() {
        List<T> rows = new ArrayList<>();
        for (Path file : committedFiles()) {
            rows.addAll(readFile(file));
        }
        return rows;
    }

    /** Rows of one Parquet file. */
    public List<T> readFile(Path file) {
        List<T> rows = new ArrayList<>();
        try (ParquetReader<GenericRecord> parquet =
                AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file))
                        .withDataModel(GenericData.get())
                        .build()) {
            for (GenericRecord r = parquet.read(); r != null; r = parquet.read()) {
                rows.add(codec.fromAvro(r));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read archive file " + file, e);
        }
        return rows;
    }

    private static boolean isCommittedPart(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.startsWith(".") || name.startsWith("_")) {
                return false;
            }
        }
        return relative.getFileName().toString().endsWith(".parquet");
    }
}
