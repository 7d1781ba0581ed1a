package dev.tiered.processor;

import dev.tiered.ReadPolicy;
import dev.tiered.WritePolicy;
import dev.tiered.processor.Model.Bulk;
import dev.tiered.processor.Model.Bypassed;
import dev.tiered.processor.Model.Cached;
import dev.tiered.processor.Model.Decorator;
import dev.tiered.processor.Model.Invalidating;
import dev.tiered.processor.Model.Method;
import dev.tiered.processor.Model.Parameter;
import dev.tiered.processor.Model.Policies;
import dev.tiered.processor.Model.Signature;
import dev.tiered.processor.Model.Target;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.annotation.processing.Filer;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes the build-time summary of a decorator, {@code META-INF/tiered/<interface>.md} in the class output: per
 * cached method its key with an example, its durations and policies (sync as configured), and the methods that
 * invalidate it, so that caching can be reviewed in code review. Plain Markdown, deterministic for the same input.
 */
final class SummaryWriter {
  private final Decorator model;

  SummaryWriter(Decorator model) {
    this.model = model;
  }

  /** Where the summary of the interface named {@code qualifiedName} is written, relative to the class output. */
  static String path(String qualifiedName) {
    return "META-INF/tiered/" + qualifiedName + ".md";
  }

  void writeTo(Filer filer) throws IOException {
    FileObject file = filer.createResource(
        StandardLocation.CLASS_OUTPUT, "", path(model.iface().canonicalName()), model.origin());
    try (Writer out = file.openWriter()) {
      out.write(text());
    }
  }

  String text() {
    StringBuilder out = new StringBuilder();
    out.append("# Cache `").append(model.cacheName()).append("` of `").append(model.iface().canonicalName())
        .append("`\n\n");
    out.append("Decorator `").append(model.generated().canonicalName())
        .append("`, written by the Tiered annotation processor: L1 `").append(TypeNames.simple(model.l1()))
        .append("`, L2 `").append(TypeNames.simple(model.l2())).append("`, version ").append(model.version())
        .append(".\n\n");
    List<Cached> cached = model.cached();
    if (cached.isEmpty()) {
      out.append("No method is cached.\n");
    } else {
      out.append("| Method | Key | ttl | l1Ttl | stale | read | write | refill | nulls | sync | Invalidated by |\n");
      out.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
      for (Cached c : cached) {
        row(out, c);
      }
      out.append("\nA key is shown as L2 stores it, behind the backend's key prefix if one is set: `(...)` holds")
          .append(" a record's components, `[...]` the elements of an array, collection or map (of a hash set or")
          .append(" hash map sorted).\n");
    }
    List<Bulk> bulk = model.methods().stream().filter(Bulk.class::isInstance).map(Bulk.class::cast).toList();
    if (!bulk.isEmpty()) {
      out.append("\nBulk methods (`@Bulk`), each with the entries and policies of a cached method; the ids that no")
          .append(" tier holds go to the delegate in one call:\n\n");
      for (Bulk b : bulk) {
        out.append("- ").append(code(describe(b.signature()))).append(": the entries of ")
            .append(code(describe(b.target().signature()))).append('\n');
      }
    }
    List<String> bypassed = model.methods().stream()
        .filter(Bypassed.class::isInstance)
        .map(m -> code(describe(m.signature())))
        .toList();
    if (!bypassed.isEmpty()) {
      out.append("\nNever cached (`@Bypass`): ").append(String.join(", ", bypassed)).append(".\n");
    }
    return out.toString();
  }

  private void row(StringBuilder out, Cached c) {
    Policies p = c.policies();
    List<String> cells = List.of(
        code(describe(c.signature())),
        code(exampleKey(c)),
        Durations.format(p.ttl()),
        Durations.format(p.l1Ttl()),
        p.stale().isZero() ? "never" : Durations.format(p.stale()),
        p.read() == ReadPolicy.RACE ? "RACE, loser " + p.raceLoser() : p.read().toString(),
        p.write() == WritePolicy.RACE ? "RACE, loser " + p.raceLoser() : p.write().toString(),
        p.refill().toString(),
        p.cacheNulls() ? "cached" : "not cached",
        model.sync().toString(),
        invalidatedBy(c));
    out.append("| ").append(cells.stream().map(SummaryWriter::cell).collect(Collectors.joining(" | "))).append(" |\n");
  }

  /** An example of the method's keys, e.g. {@code users:v1:find:<id>}. */
  private String exampleKey(Cached c) {
    StringBuilder key = new StringBuilder()
        .append(model.cacheName()).append(":v").append(model.version()).append(':').append(c.keySpace());
    for (Parameter p : c.keyParameters()) {
      key.append(':').append(shape(p.key(), p.name()));
    }
    return key.toString();
  }

  /** The readable form of {@code part} with a placeholder for each value, e.g. {@code (<query.text>,<query.id>)}. */
  private static String shape(KeyPart part, String name) {
    if (part instanceof KeyPart.RecordOf record) {
      return record.components().stream()
          .map(component -> shape(component.part(), name + "." + component.name()))
          .collect(Collectors.joining(",", "(", ")"));
    }
    if (part instanceof KeyPart.ArrayOf array) {
      return "[" + shape(array.element(), name) + "...]";
    }
    if (part instanceof KeyPart.CollectionOf collection) {
      return "[" + shape(collection.element(), name) + "...]";
    }
    if (part instanceof KeyPart.MapOf map) {
      return "[(" + shape(map.key(), name + ".key") + "," + shape(map.value(), name + ".value") + ")...]";
    }
    return "<" + name + ">";
  }

  private String invalidatedBy(Cached c) {
    List<String> by = new ArrayList<>();
    for (Method m : model.methods()) {
      if (m instanceof Invalidating inv) {
        for (Target t : inv.targets()) {
          if (t.method() == c) {
            by.add(code(describe(inv.signature())) + (t.all() ? " (all)" : ""));
          }
        }
      }
    }
    return by.isEmpty() ? "-" : String.join(", ", by);
  }

  /** A method as people name it: {@code find(long)}, with the types the interface binds. */
  /** {@code find(long)}; a Kotlin suspend function as Kotlin declares it, {@code suspend find(long)}. */
  private static String describe(Signature s) {
    List<Parameter> parameters = s.parameters();
    boolean suspend = !parameters.isEmpty()
        && isClass(parameters.get(parameters.size() - 1).type(), TypeMirrors.CONTINUATION)
        && isClass(s.returnType(), "java.lang.Object");
    if (suspend) {
      parameters = parameters.subList(0, parameters.size() - 1);
    }
    return (suspend ? "suspend " : "") + s.name()
        + parameters.stream().map(p -> TypeNames.simple(p.type())).collect(Collectors.joining(", ", "(", ")"));
  }

  private static boolean isClass(TypeRef type, String name) {
    return type instanceof TypeRef.Declared d && d.canonicalName().equals(name);
  }

  private static String code(String text) {
    return "`" + text + "`";
  }

  /** A table cell: a pipe inside it would end it. */
  private static String cell(String text) {
    return text.replace("|", "\\|");
  }
}
