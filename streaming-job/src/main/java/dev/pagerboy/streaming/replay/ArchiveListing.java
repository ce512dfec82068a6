package dev.pagerboy.streaming.replay;

import dev.pagerboy.cli.CommandFailure;
import dev.pagerboy.streaming.archive.SealedHourFiles;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.formats.parquet.ParquetInputFile;
import org.apache.parquet.io.InputFile;

/**
 * The files a replay reads from an archive, through Flink's file systems (a local directory, or
 * {@code s3://} and {@code hdfs://} with the cluster's file system plugin): the one lister of both
 * the local {@code ./pagerboy replay} and {@code flink run ... --mode replay}.
 *
 * <p>Only committed files are listed, as {@code ArchiveReader} lists them: names starting with a
 * dot (in-progress and pending files, the replay's own staged inputs) or an underscore are skipped.
 * A sealed hour's merged file ({@code ./pagerboy archive compact}) stands for the files its footer
 * names, which are left out, and a listing that a merge crossed is made again ({@link
 * SealedHourFiles#settledListing}, the rules {@code ArchiveReader} follows): an archive holding
 * both a merged file and the files it replaces (a merge between its rename and its deletes, or one
 * that crashed there) replays each row once.
 */
public final class ArchiveListing implements SealedHourFiles.Tree<Path> {

    /** Times a directory is listed again when an entry vanished while it was listed. */
    private static final int RELISTS = 20;

    private final Path root;
    private final FileSystem fs;

    private ArchiveListing(Path root, FileSystem fs) {
        this.root = root;
        this.fs = fs;
    }

    /**
     * The committed Parquet files under {@code root} that hold its rows, in path order; empty if
     * there is no {@code root}.
     */
    public static List<Path> committedFiles(Path root) {
        try {
            FileSystem fs = root.getFileSystem();
            if (!fs.exists(root)) {
                return List.of();
            }
            return SealedHourFiles.settledListing(new ArchiveListing(root, fs), root);
        } catch (IOException | IllegalStateException e) {
            throw new CommandFailure("cannot list archive " + root + ": " + e.getMessage(), e);
        }
    }

    /** The error that stops a replay on an archive file it cannot read, naming the file. */
    public static CommandFailure unreadable(Object file, Throwable e) {
        return new CommandFailure("archive file " + file + " cannot be read: " + rootMessage(e), e);
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }

    @Override
    public List<Path> listCommitted() throws IOException {
        List<Path> files = new ArrayList<>();
        collect(root, files);
        files.sort(Comparator.comparing(Path::toString));
        return files;
    }

    private void collect(Path dir, List<Path> files) throws IOException {
        FileStatus[] statuses = list(dir);
        if (statuses == null) {
            return;
        }
        for (FileStatus status : statuses) {
            String name = status.getPath().getName();
            if (name.startsWith(".") || name.startsWith("_")) {
                continue;
            }
            if (status.isDir()) {
                collect(status.getPath(), files);
            } else if (name.endsWith(".parquet")) {
                files.add(status.getPath());
            }
        }
    }

    /**
     * The entries of {@code dir}, or {@code null} if it is gone. A file renamed on commit or merged
     * away while the directory is listed (the local file system reads each entry's status after the
     * names) fails the listing: it is made again.
     */
    private FileStatus[] list(Path dir) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                return fs.listStatus(dir);
            } catch (FileNotFoundException gone) {
                if (!fs.exists(dir)) {
                    return null;
                }
                if (attempt == RELISTS) {
                    throw gone;
                }
            }
        }
    }

    @Override
    public String name(Path file) {
        return file.getName();
    }

    @Override
    public Object directory(Path file) {
        return file.getParent();
    }

    @Override
    public InputFile open(Path file) throws IOException {
        long length = fs.getFileStatus(file).getLen();
        return new ParquetInputFile(fs.open(file), length);
    }

    @Override
    public boolean exists(Path file) throws IOException {
        return fs.exists(file);
    }
}
