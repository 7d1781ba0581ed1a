package dev.tiered.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.tiered.RefillPolicy;
import dev.tiered.processor.GeneratedNames.Locals;
import dev.tiered.processor.Model.Bulk;
import dev.tiered.processor.Model.Cached;
import dev.tiered.processor.Model.Deprecation;
import dev.tiered.processor.Model.Ids;
import dev.tiered.processor.Model.Policies;
import dev.tiered.processor.Model.Shape;
import dev.tiered.processor.Model.Signature;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes the body of a {@code @Bulk} method and its bulk loader. The body drives a runtime {@code BulkLoad} over
 * the target's entries with the target's policies, one piece per step: start the call, read the tiers per the
 * read policy, serve the hits (a stale one refreshed through the target's own loader), refill L1 per the refill
 * policy, then load the rest through the bulk loader; the loader calls the delegate's bulk method once and writes
 * what it returns per the write policy.
 */
final class BulkBodyWriter {
  /** Where the code of a decorator's method starts: two levels of two spaces. */
  private static final int BODY = 4;

  private final ClassName iface;
  private final GeneratedNames names;
  private final Lines lines;

  BulkBodyWriter(ClassName iface, GeneratedNames names, Lines lines) {
    this.iface = iface;
    this.names = names;
    this.lines = lines;
  }

  /** The body of {@code b}. */
  CodeBlock body(Bulk b) {
    Cached target = b.target();
    Policies p = target.policies();
    boolean async = b.shape().isAsync();
    Locals locals = names.locals(b.signature().parameters());
    String cache = locals.field(names.field(target));
    String bulk = locals.local("bulk");
    String ids = b.signature().parameters().get(0).name();
    CodeBlock.Builder code = CodeBlock.builder();
    TypeName type = RuntimeApi.bulkLoad(TypeNames.of(b.idType()), names.keyClass(target), value(b));
    CodeBlock start = RuntimeApi.startBulk(cache, ids, names.keyClass(target), async);
    if (lines.fits(BODY, CodeBlock.of("$T $N = $L;", type, bulk, start))) {
      code.addStatement("$T $N = $L", type, bulk, start);
    } else {
      code.addStatement("$T $N =\n$>$>$L$<$<", type, bulk, start);
    }
    code.add(readComment(p));
    CodeBlock read = switch (p.read()) {
      case RACE -> RuntimeApi.bulkReadRace(bulk, p.raceLoser());
      case PARALLEL -> RuntimeApi.bulkReadParallel(bulk);
      default -> RuntimeApi.bulkReadSequential(bulk);
    };
    CodeBlock.Builder rest = CodeBlock.builder();
    rest.add("// Each hit is counted; a stale one is served, and refreshed on its own as $L refreshes it\n",
        target.signature().name());
    rest.addStatement("$L", RuntimeApi.bulkServe(bulk, names.loader(target), target.shape().isAsync()));
    if (p.refill() == RefillPolicy.ALWAYS) {
      rest.add("// refill ALWAYS: fresh L2 hits warm L1\n");
      rest.addStatement("$L", RuntimeApi.bulkRefillL1(bulk));
    }
    rest.add("// The ids no tier held: awaited where another call is loading them, the rest in one delegate call\n");
    rest.addStatement("return $L", RuntimeApi.bulkLoad(bulk, names.loader(b), async));
    if (!async) {
      return code.addStatement("$L.join()", read).add(rest.build()).build();
    }
    String done = locals.local("read");
    return code.add("return $L.thenCompose($N -> {\n$>", read, done).add(rest.build()).add("$<});\n").build();
  }

  private static CodeBlock readComment(Policies p) {
    return switch (p.read()) {
      case RACE -> CodeBlock.of(
          "// RACE: both tiers start together for every id; a tier that holds them all wins, the loser is $L\n",
          MethodBodyWriter.loserFate(p.raceLoser()));
      case PARALLEL -> CodeBlock.of(
          "// PARALLEL: both tiers are read for every id and awaited; per id, the entry that lives longer wins\n");
      default -> CodeBlock.of("// SEQUENTIAL: L1 for every id, then L2 in one round trip for the ids L1 missed\n");
    };
  }

  private static TypeName value(Bulk b) {
    return TypeNames.of(b.target().valueType());
  }

  /** The helper that calls the delegate's bulk method with the ids no tier held and writes what it returns. */
  MethodSpec loader(Bulk b) {
    Signature s = b.signature();
    Locals locals = names.localsOf(List.of());
    String tiers = locals.local("tiers");
    String missing = locals.local("missing");
    String values = locals.local("values");
    TypeName id = TypeNames.of(b.idType());
    TypeName map = RuntimeApi.map(id, value(b));
    MethodSpec.Builder spec = MethodSpec.methodBuilder(names.loader(b))
        .addJavadoc(new Javadoc()
            .text("Calls the delegate for")
            .word("{@link $T#$L}", iface, TypeNames.javadocMember(s.name(), s.declaredParameterTypes()))
            .text("with the ids no tier held, and writes what it returns to the tiers.")
            .wrap(Javadoc.MEMBER_WIDTH))
        .addModifiers(Modifier.PRIVATE)
        .addParameter(RuntimeApi.bulkWrite(id, value(b)), tiers)
        .addParameter(RuntimeApi.list(id), missing)
        .addExceptions(TypeNames.of(s.thrown()));
    if (s.deprecation() != Deprecation.NONE) {
      // The loader calls the deprecated method on the delegate.
      String warning = s.deprecation() == Deprecation.FOR_REMOVAL ? "removal" : "deprecation";
      spec.addAnnotation(DecoratorWriter.suppress(warning));
    }
    CodeBlock argument = b.ids() == Ids.SET ? RuntimeApi.asSet(missing) : CodeBlock.of("$N", missing);
    CodeBlock call = CodeBlock.of("$L.$N($L)", locals.field(names.delegate()), s.name(), argument);
    CodeBlock start = null;
    if (b.shape() == Shape.SUSPEND) {
      // The delegate's bulk suspend function, started in Tiered's scope: no caller's cancellation stops it.
      String continuation = locals.local("continuation");
      String started = locals.local("call");
      CodeBlock suspendCall =
          CodeBlock.of("$L.$N($L, $N)", locals.field(names.delegate()), s.name(), argument, continuation);
      start = new SuspendWriter(names, lines).startCall(continuation, suspendCall, map, started);
      call = CodeBlock.of("$N", started);
    }
    Policies p = b.target().policies();
    CodeBlock write = switch (p.write()) {
      case SEQUENTIAL -> RuntimeApi.bulkWriteSequential(tiers, values);
      case RACE -> RuntimeApi.bulkWriteRace(tiers, values, p.raceLoser());
      default -> RuntimeApi.bulkWriteBoth(tiers, values);
    };
    if (b.shape().isAsync()) {
      String written = locals.local("written");
      if (start != null) {
        spec.addCode(start);
      }
      CodeBlock future = start != null ? call : CodeBlock.of("$L.toCompletableFuture()", call);
      return spec.returns(RuntimeApi.completableFuture(map))
          .addCode("return $L.thenCompose($N -> {\n$>", future, values)
          .addCode(MethodBodyWriter.writeComment(p))
          .addStatement("return $L.thenApply($N -> $N)", write, written, values)
          .addCode("$<});\n")
          .build();
    }
    return spec.returns(map)
        .addStatement("$T $N = $L", map, values, call)
        .addCode(MethodBodyWriter.writeComment(p))
        .addStatement("$L.join()", write)
        .addStatement("return $N", values)
        .build();
  }
}
