package org.rnnlab.experiments.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rnnlab.experiments.spec.ScheduleType;
import org.rnnlab.experiments.spec.SpecFiles;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.registry.PluginRegistry;
import org.rnnlab.spi.Plugin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code rnnlab plugins}: every plugin of every kind, with its parameters. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = {"List every plugin of every kind on the classpath, with its description and parameters "
                + "(name, type, default, allowed values, description), and the learning-rate schedules a spec can name."})
final class PluginsCommand implements Callable<Integer> {
    @ParentCommand
    RnnlabCommand parent;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    /** One parameter as listed. */
    record Parameter(String name, String type, Object defaultValue, String allowed, String description) {
    }

    /** One plugin as listed. */
    record Entry(String name, String description, List<Parameter> parameters) {
    }

    @Override
    public Integer call() {
        Map<String, List<Entry>> kinds = new LinkedHashMap<>();
        for (PluginRegistry<?> registry : parent.cli.registries.all()) {
            List<Entry> entries = new ArrayList<>();
            for (Plugin<?> plugin : registry.plugins()) {
                List<Parameter> params = new ArrayList<>();
                plugin.parameters().forEach(p -> params.add(parameter(p)));
                entries.add(new Entry(plugin.name(), plugin.description(), params));
            }
            kinds.put(registry.kind().plural(), entries);
        }
        List<Entry> schedules = new ArrayList<>();
        for (ScheduleType s : ScheduleType.values()) {
            schedules.add(new Entry(s.specName(), s.description(), s.parameters().stream().map(PluginsCommand::parameter).toList()));
        }
        kinds.put("schedules", schedules);
        PrintWriter out = parent.cli.out;
        if (json) {
            Map<String, Object> tree = new LinkedHashMap<>();
            kinds.forEach((kind, entries) -> tree.put(kind, entries.stream().map(PluginsCommand::tree).toList()));
            out.print(SpecFiles.toJson(tree));
        } else {
            text(out, kinds);
        }
        out.flush();
        return Cli.OK;
    }

    static Parameter parameter(ParamSpec p) {
        String type = switch (p.type()) {
            case DOUBLE -> "number";
            case INT -> "whole number";
            case BOOLEAN -> "boolean";
            case CHOICE -> "choice";
            case STRING -> "string";
            case PLUGIN -> p.pluginKind().singular();
            // A type core adds later reads as its own name until it is named here.
            default -> p.type().name().toLowerCase(java.util.Locale.ROOT);
        };
        // An empty text default means "none given": say so rather than print nothing.
        Object defaultValue = "".equals(p.defaultValue()) ? null : p.defaultValue();
        return new Parameter(p.name(), type, defaultValue, p.allowed(), p.description());
    }

    private static Map<String, Object> tree(Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", e.name());
        m.put("description", e.description());
        List<Object> params = new ArrayList<>();
        for (Parameter p : e.parameters()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("name", p.name());
            pm.put("type", p.type());
            pm.put("default", p.defaultValue());
            pm.put("allowed", p.allowed());
            pm.put("description", p.description());
            params.add(pm);
        }
        m.put("parameters", params);
        return m;
    }

    private static void text(PrintWriter out, Map<String, List<Entry>> kinds) {
        boolean first = true;
        for (Map.Entry<String, List<Entry>> kind : kinds.entrySet()) {
            if (!first) {
                out.println();
            }
            first = false;
            out.println(kind.getKey() + " (" + kind.getValue().size() + ")");
            if (kind.getValue().isEmpty()) {
                out.println("  none on the classpath");
            }
            for (Entry e : kind.getValue()) {
                out.println("  " + e.name() + ": " + e.description());
                for (Parameter p : e.parameters()) {
                    String def = p.defaultValue() == null ? "no default"
                            : "default " + (p.defaultValue() instanceof Double d ? Params.show(d) : p.defaultValue());
                    out.println("      " + p.name() + " (" + p.type() + ", " + def + ", " + p.allowed() + "): "
                            + p.description());
                }
            }
        }
    }
}
