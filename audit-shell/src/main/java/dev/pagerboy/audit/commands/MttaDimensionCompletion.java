package dev.pagerboy.audit.commands;

import dev.pagerboy.audit.report.MttaDimension;
import java.util.Arrays;
import java.util.List;
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.standard.ValueProvider;
import org.springframework.stereotype.Component;

/** Tab completion of {@code report mtta --by}: {@code team}, {@code route}, {@code engineer}. */
@Component
class MttaDimensionCompletion implements ValueProvider {

    @Override
    public List<CompletionProposal> complete(CompletionContext context) {
        return Arrays.stream(MttaDimension.values())
                .map(d -> new CompletionProposal(d.text()))
                .toList();
    }
}
