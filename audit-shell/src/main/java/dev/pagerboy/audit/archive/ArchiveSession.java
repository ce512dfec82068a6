package dev.pagerboy.audit.archive;

import dev.pagerboy.audit.AuditException;
import dev.pagerboy.audit.AuditSettings;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/**
 * The archive the shell is auditing: the one given with {@code --archive} (opened on first use) or
 * the last {@code archive open DIR}. Commands ask it for the database and get a clear error when
 * there is none.
 */
@Component
public class ArchiveSession implements AutoCloseable {

    private final AuditSettings settings;
    private ArchiveDatabase current;
    private boolean startArchiveTried;

    public ArchiveSession(AuditSettings settings) {
        this.settings = settings;
    }

    /** Opens {@code dir}, closing the archive open before (only if {@code dir} opens). */
    public synchronized ArchiveDatabase open(Path dir) {
        ArchiveDatabase opened = ArchiveDatabase.open(dir);
        if (current != null) {
            current.close();
        }
        current = opened;
        startArchiveTried = true;
        return opened;
    }

    /**
     * The open archive, its file list refreshed.
     *
     * @throws AuditException if none is open
     */
    public synchronized ArchiveDatabase database() {
        if (current == null && !startArchiveTried && settings.archive() != null) {
            startArchiveTried = true;
            current = ArchiveDatabase.open(settings.archive());
            return current;
        }
        if (current == null) {
            throw new AuditException(
                    "no archive is open: pass --archive DIR to ./pagerboy audit, or type"
                            + " 'archive open DIR'");
        }
        current.refresh();
        return current;
    }

    @Override
    public synchronized void close() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
