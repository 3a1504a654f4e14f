package org.urulink.cli;

import java.util.List;
import java.util.Locale;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** Renders one command of the picocli model as a troff man page (section 1). */
final class ManPage {
    private ManPage() {
    }

    static String render(CommandLine cmd) {
        CommandSpec spec = cmd.getCommandSpec();
        CommandLine.Help help = cmd.getHelp();
        String name = spec.qualifiedName("-");
        String version = spec.root().version().length > 0 ? spec.root().version()[0] : "urulink";
        StringBuilder out = new StringBuilder();
        out.append(".TH ").append(name.toUpperCase(Locale.ROOT)).append(" 1 \"\" \"").append(escape(version))
                .append("\" \"urulink manual\"\n");
        out.append(".SH NAME\n").append(escape(name)).append(" \\- ")
                .append(escape(first(spec.usageMessage().description()))).append('\n');
        out.append(".SH SYNOPSIS\n.nf\n").append(escape(plain(help.synopsis(0)).strip())).append("\n.fi\n");
        out.append(".SH DESCRIPTION\n");
        for (String line : spec.usageMessage().description()) {
            out.append(line.isEmpty() ? ".PP" : escape(line)).append('\n');
        }
        if (!spec.positionalParameters().isEmpty() || !spec.options().isEmpty()) {
            out.append(".SH OPTIONS\n");
            for (PositionalParamSpec p : spec.positionalParameters()) {
                item(out, p.paramLabel(), p.description());
            }
            for (OptionSpec o : spec.options()) {
                if (!o.hidden()) {
                    String label = String.join(", ", o.names()) + (o.arity().max() > 0 ? " " + o.paramLabel() : "");
                    item(out, label, o.description());
                }
            }
        }
        List<CommandLine> subs = cmd.getSubcommands().values().stream()
                .filter(s -> !s.getCommandSpec().usageMessage().hidden()).toList();
        if (!subs.isEmpty()) {
            out.append(".SH COMMANDS\n");
            for (CommandLine s : subs) {
                item(out, s.getCommandName(), new String[] {first(s.getCommandSpec().usageMessage().description())
                        + " See \\fB" + s.getCommandSpec().qualifiedName("-") + "\\fR(1)."});
            }
        }
        String[] footer = spec.usageMessage().footer();
        if (footer.length > 0) {
            out.append(".SH NOTES\n.nf\n");
            for (String line : footer) {
                out.append(escape(plain(String.format(line)))).append('\n');
            }
            out.append(".fi\n");
        }
        return out.toString();
    }

    private static void item(StringBuilder out, String label, String[] description) {
        out.append(".TP\n\\fB").append(escape(label)).append("\\fR\n")
                .append(escape(String.join(" ", description).replace("${DEFAULT-VALUE}", "the default"))).append('\n');
    }

    private static String first(String[] lines) {
        return lines.length == 0 ? "" : lines[0];
    }

    /** Strips picocli's ANSI markup. */
    private static String plain(String s) {
        return s.replaceAll("\u001B\\[[0-9;]*m", "");
    }

    private static String escape(String s) {
        String e = s.replace("\\", "\\\\").replace("-", "\\-");
        return e.startsWith(".") || e.startsWith("'") ? "\\&" + e : e;
    }
}
