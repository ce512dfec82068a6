package dev.pagerboy.audit.commands;

import dev.pagerboy.audit.report.VolumeDimension;
import java.util.Arrays;
import java.util.List;
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.standard.ValueProvider;
import org.springframework.stereotype.Component;

/** Tab completion of {@code report volume --by}: {@code hour}, {@code route}. */
@Component
class VolumeDimensionCompletion implements ValueProvider {

    @Override
    public List<CompletionProposal> complete(CompletionContext context) {
        return Arrays.stream(VolumeDimension.values())
                .map(d -> new CompletionProposal(d.text()))
                .toList();
    }
}
