package dev.pagerboy.audit.commands;

import dev.pagerboy.audit.archive.AuditView;
import java.util.ArrayList;
import java.util.List;
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.standard.ValueProvider;
import org.springframework.stereotype.Component;

/**
 * Tab completion inside an {@code sql} statement: completes the last word being typed to a view
 * name ({@code sql "SELECT * FROM pa<Tab>} gives {@code pages}); on an empty statement it offers a
 * starting query per view.
 */
@Component
class SqlCompletion implements ValueProvider {

    @Override
    public List<CompletionProposal> complete(CompletionContext context) {
        String word = context.currentWordUpToCursor();
        String typed = word == null ? "" : word.replace("\"", "");
        int cut = Math.max(typed.lastIndexOf(' '), typed.lastIndexOf('('));
        String head = typed.substring(0, cut + 1);
        String last = typed.substring(cut + 1);
        List<CompletionProposal> proposals = new ArrayList<>();
        for (AuditView view : AuditView.values()) {
            String value =
                    typed.isEmpty()
                            ? "SELECT * FROM " + view.viewName() + " LIMIT 20"
                            : head + view.viewName();
            if (typed.isEmpty() || view.viewName().startsWith(last)) {
                proposals.add(
                        new CompletionProposal(value)
                                .displayText(view.viewName())
                                .description(view.description())
                                .dontQuote(false));
            }
        }
        return proposals;
    }
}
