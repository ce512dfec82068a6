package dev.pagerboy.audit.report;

import dev.pagerboy.audit.AuditException;
import dev.pagerboy.audit.AuditSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Which team each receiver belongs to, read from the {@code receivers:} list of the pagerboy.yaml
 * the audited job ran with ({@code name} and {@code team} of each). Only this part of the file is
 * read: the audit shell does not run the job, and the job's config classes live in the job module.
 */
public final class ReceiverTeams {

    private ReceiverTeams() {}

    /**
     * The receivers' teams of the shell's {@code --config}, for {@code command}.
     *
     * @throws AuditException naming the missing option when the shell was started without it
     */
    public static Map<String, String> of(AuditSettings settings, String command) {
        if (settings.config() == null) {
            throw new AuditException(
                    command
                            + " needs the job's config for the receivers' teams: start the shell"
                            + " with --config pagerboy.yaml");
        }
        return read(settings.config());
    }

    static Map<String, String> read(Path config) {
        Object root;
        try (Reader in = Files.newBufferedReader(config)) {
            root = new Yaml().load(in);
        } catch (IOException | YAMLException e) {
            throw new AuditException(config + ": cannot read: " + e.getMessage(), e);
        }
        Map<String, String> teams = new HashMap<>();
        if (root instanceof Map<?, ?> top && top.get("receivers") instanceof List<?> receivers) {
            for (Object r : receivers) {
                if (r instanceof Map<?, ?> receiver
                        && receiver.get("name") != null
                        && receiver.get("team") != null) {
                    teams.put(receiver.get("name").toString(), receiver.get("team").toString());
                }
            }
        }
        if (teams.isEmpty()) {
            throw new AuditException(
                    config + ": receivers: no receiver with a team (expected name and team each)");
        }
        return teams;
    }
}
