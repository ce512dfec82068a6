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

    /** Times the archive is listed or read again while merged files keep appearing. */
    private static final int MAX_LISTINGS = 20;

    private final Path root;
    private final AvroRowCodec<T> codec;

    public ArchiveReader(Path root, AvroRowCodec<T> codec) {
        this.root = root;
        this.codec = codec;
    }

    /**
     * Committed Parquet files under the root, in path order (i.e. by event date and hour), without
     * the files a sealed hour's merged file replaces ({@link SealedHourFiles}).
     *
     * <p>The archive may be read while the job writes it: an in-progress file listed in a folder
     * can be renamed on commit before the walk gets to it. A file or folder gone by then is
     * skipped. The only committed files ever removed are those merged into a sealed hour's file
     * ({@code ./pagerboy archive compact}); a listing made while a merge renamed its file in and
     * deleted the old ones may hold neither, so the directory is listed again until no merged file
     * appeared between two listings.
     */
    public List<Path> committedFiles() {
        try {
            return SealedHourFiles.settledListing(SealedHourFiles.local(this::listCommitted), root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the footers in " + root, e);
        }
    }

    private List<Path> listCommitted() {
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
                            return skipIfGone(e);
                        }

                        @Override
                        public FileVisitResult postVisitDirectory(Path dir, IOException e)
                                throws IOException {
                            return e == null ? FileVisitResult.CONTINUE : skipIfGone(e);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list archive " + root, e);
        }
        files.sort(null);
        return files;
    }

    private static FileVisitResult skipIfGone(IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
            return FileVisitResult.CONTINUE;
        }
        throw e;
    }

    /**
     * Every committed row, file by file in path order. A listed file that is gone when it is opened
     * was merged into a sealed hour's file meanwhile: the archive is read again from a new listing,
     * so each row is read once.
     */
    public List<T> readAll() {
        for (int attempt = 0; ; attempt++) {
            List<T> rows = new ArrayList<>();
            Path reading = null;
            try {
                for (Path file : committedFiles()) {
                    reading = file;
                    rows.addAll(readFile(file));
                }
                return rows;
            } catch (UncheckedIOException e) {
                if (reading == null || Files.exists(reading) || attempt == MAX_LISTINGS) {
                    throw e;
                }
            }
        }
    }

    /** Rows of one Parquet file. */
    public List<T> readFile(Path file) {
        List<T> rows = new ArrayList<>();
        try (ParquetReader<GenericRecord> parquet =
                AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file))
                        .withDataModel(GenericData.get())
                        .withConf(HadoopConf.copy())
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
