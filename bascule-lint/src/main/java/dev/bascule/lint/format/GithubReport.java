package dev.bascule.lint.format;

import dev.bascule.lint.model.Finding;
import dev.bascule.lint.model.LintResult;
import dev.bascule.lint.model.LockMode;

import java.util.List;

/** GitHub Actions workflow commands ({@code ::error file=...,line=...::message}), shown as PR annotations. */
final class GithubReport {

    private GithubReport() {
    }

    static String render(List<LintResult> results) {
        StringBuilder b = new StringBuilder();
        for (LintResult result : results) {
            for (Finding f : result.findings()) {
                String command = switch (f.severity()) {
                    case ERROR -> "error";
                    case WARNING -> "warning";
                    case INFO -> "notice";
                };
                String body = f.message()
                        + (f.lock() == LockMode.NONE ? "" : "\nLock: " + f.lock().describe())
                        + (f.safeAlternative().isEmpty() ? "" : "\nInstead:\n" + f.safeAlternative());
                b.append("::").append(command)
                        .append(" file=").append(property(f.file()))
                        .append(",line=").append(f.line())
                        .append(",col=").append(f.column())
                        .append(",title=").append(property("bascule " + f.ruleId()))
                        .append("::").append(data(body)).append('\n');
            }
        }
        return b.toString();
    }

    /** Escaping of the message part, as the workflow-command parser expects. */
    static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** Escaping of property values, which additionally may not contain ':' or ','. */
    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
