package dev.tiered.processor;

import dev.tiered.RaceLoserPolicy;
import dev.tiered.ReadPolicy;
import dev.tiered.RefillPolicy;
import dev.tiered.WritePolicy;
import dev.tiered.processor.Model.Cached;
import dev.tiered.processor.Model.Policies;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Reads the policies and durations of {@code @Tiered} (the interface's defaults) and {@code @Cached} (a method's
 * overrides, each unset attribute inherited), and checks that they fit together. A fault is reported on the
 * attribute's value.
 */
final class PolicyReader {
  private final Elements elements;
  private final ValidationReport report;

  PolicyReader(Elements elements, ValidationReport report) {
    this.elements = elements;
    this.report = report;
  }

  /** The defaults that {@code tiered} on the subject sets, or null when a duration is faulty (reported). */
  Policies defaults(AnnotationMirror tiered) {
    Map<String, AnnotationValue> all = Annotations.withDefaults(elements, tiered);
    Policies inherited = new Policies(
        Annotations.enumConstant(all.get("read"), ReadPolicy.class),
        Annotations.enumConstant(all.get("write"), WritePolicy.class),
        Annotations.enumConstant(all.get("raceLoser"), RaceLoserPolicy.class),
        Annotations.enumConstant(all.get("refill"), RefillPolicy.class),
        null,
        null,
        Duration.ZERO,
        (Boolean) all.get("cacheNulls").getValue());
    return read(report.subject(), tiered, all, inherited);
  }

  /**
   * The policies of {@code method}: {@code defaults}, overridden by its {@code @Cached} when it has one; null when
   * a duration is faulty (reported).
   */
  Policies of(ExecutableElement method, AnnotationMirror cached, Policies defaults) {
    return cached == null ? defaults : read(method, cached, Annotations.explicit(cached), defaults);
  }

  /**
   * The policies that {@code values} of {@code annotation} on {@code element} set over {@code inherited}, whose
   * ttl and l1Ttl are null for the interface itself.
   */
  private Policies read(
      Element element, AnnotationMirror annotation, Map<String, AnnotationValue> values, Policies inherited) {
    ReadPolicy read = enumOr(values, "read", ReadPolicy.class, inherited.read());
    WritePolicy write = enumOr(values, "write", WritePolicy.class, inherited.write());
    RefillPolicy refill = enumOr(values, "refill", RefillPolicy.class, inherited.refill());
    boolean cacheNulls = values.containsKey("cacheNulls")
        ? (Boolean) values.get("cacheNulls").getValue()
        : inherited.cacheNulls();

    AnnotationValue ttlValue = values.get("ttl");
    AnnotationValue l1TtlValue = values.get("l1Ttl");
    AnnotationValue staleValue = values.get("stale");
    // The interface's ttl has no fallback: an empty one is malformed, not inherited.
    boolean ttlRequired = inherited.ttl() == null;
    Duration ttl = duration(element, annotation, ttlValue, "ttl", inherited.ttl(), ttlRequired);
    Duration l1Ttl = duration(element, annotation, l1TtlValue, "l1Ttl", null, false);
    Duration stale = duration(element, annotation, staleValue, "stale", inherited.stale(), false);
    if (ttl == null || (l1Ttl == null && isSet(l1TtlValue)) || stale == null) {
      return null;
    }
    if (l1Ttl == null) {
      // An inherited l1Ttl is kept only while it still fits under this method's ttl.
      l1Ttl = inherited.l1Ttl() != null && inherited.l1Ttl().compareTo(ttl) < 0 ? inherited.l1Ttl() : ttl;
    } else if (l1Ttl.compareTo(ttl) > 0) {
      report.reportAt(
          Message.L1_TTL_LONGER, element, annotation, l1TtlValue, l1TtlValue.getValue(), Durations.format(ttl));
      return null;
    }
    if (!stale.isZero() && stale.compareTo(ttl) >= 0) {
      AnnotationValue anchor = isSet(staleValue) ? staleValue : ttlValue;
      report.reportAt(
          Message.STALE_NOT_SHORTER,
          element,
          annotation,
          anchor,
          Durations.format(stale),
          Durations.format(ttl));
      return null;
    }
    return new Policies(read, write, inherited.raceLoser(), refill, ttl, l1Ttl, stale, cacheNulls);
  }

  /**
   * The duration {@code value} sets, {@code inherited} when it is absent or empty (unless {@code required}), or
   * null when it is malformed (reported).
   */
  private Duration duration(
      Element element,
      AnnotationMirror annotation,
      AnnotationValue value,
      String attribute,
      Duration inherited,
      boolean required) {
    if (!required && !isSet(value)) {
      return inherited;
    }
    String text = (String) value.getValue();
    Duration parsed = Durations.parse(text);
    if (parsed == null) {
      report.reportAt(Message.BAD_DURATION, element, annotation, value, attribute, text);
    }
    return parsed;
  }

  private static boolean isSet(AnnotationValue value) {
    return value != null && !((String) value.getValue()).isEmpty();
  }

  private static <E extends Enum<E>> E enumOr(
      Map<String, AnnotationValue> values, String name, Class<E> type, E inherited) {
    AnnotationValue value = values.get(name);
    return value == null ? inherited : Annotations.enumConstant(value, type);
  }

  /** Warns when {@code tiered} sets a race loser policy that no method of the subject uses. */
  void warnUnusedRaceLoser(AnnotationMirror tiered, List<Cached> cached) {
    AnnotationValue raceLoser = Annotations.explicit(tiered).get("raceLoser");
    boolean anyRace = cached.stream()
        .map(Cached::policies)
        .anyMatch(p -> p.read() == ReadPolicy.RACE || p.write() == WritePolicy.RACE);
    if (raceLoser != null && !anyRace) {
      TypeElement subject = report.subject();
      report.reportAt(
          Message.RACE_LOSER_WITHOUT_RACE,
          subject,
          tiered,
          raceLoser,
          Annotations.constantName(raceLoser),
          subject.getSimpleName());
    }
  }
}
