package dev.pagerboy.audit.commands;

import dev.pagerboy.audit.archive.ArchiveDatabase;
import dev.pagerboy.audit.archive.ArchiveSession;
import dev.pagerboy.audit.archive.ArchiveSummary;
import dev.pagerboy.audit.render.ArchiveSummaryView;
import org.jline.utils.AttributedString;
import org.springframework.shell.standard.FileValueProvider;
import org.springframework.shell.standard.ShellCommandGroup;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

/**
 * {@code archive open DIR} and {@code archive info}: which archive the shell audits, and what is in
 * it.
 */
@ShellComponent
@ShellCommandGroup("Archive")
public class ArchiveCommands {

    private final ArchiveSession session;

    public ArchiveCommands(ArchiveSession session) {
        this.session = session;
    }

    @ShellMethod(
            key = "archive open",
            value =
                    "Open the archive in DIR (the directory the job's --archive wrote) for the"
                            + " commands that follow. Example: archive open .pagerboy/demo/archive")
    public AttributedString open(
            @ShellOption(help = "archive directory", valueProvider = FileValueProvider.class)
                    String dir) {
        ArchiveDatabase db = session.open(Paths.local(dir));
        return ArchiveSummaryView.render(ArchiveSummary.of(db));
    }

    @ShellMethod(
            key = "archive info",
            value =
                    "Show the open archive: the stretch of event time it covers, rows by kind,"
                            + " schema version(s), files and size on disk. Example: archive info")
    public AttributedString info() {
        return ArchiveSummaryView.render(ArchiveSummary.of(session.database()));
    }
}
