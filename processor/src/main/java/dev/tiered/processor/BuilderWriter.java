package dev.tiered.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import javax.lang.model.element.Modifier;

/**
 * Writes a decorator's {@code Builder}: the delegate and the two tiers, whose types only the decorator knows; the
 * optional parts (executor, clock, listener, value format) come from the runtime's {@code TieredBuilder}. The
 * builder is a class of its own, so the interface's names cannot clash with its members.
 */
final class BuilderWriter {
  private final ClassName generated;
  private final ClassName iface;
  private final ClassName l1;
  private final ClassName l2;

  BuilderWriter(ClassName generated, ClassName iface, ClassName l1, ClassName l2) {
    this.generated = generated;
    this.iface = iface;
    this.l1 = l1;
    this.l2 = l2;
  }

  /** The builder's name, nested in the decorator {@code generated}. */
  static ClassName name(ClassName generated) {
    return generated.nestedClass("Builder");
  }

  TypeSpec builder() {
    ClassName builder = name(generated);
    TypeSpec.Builder type = TypeSpec.classBuilder(builder)
        .addJavadoc("Builds a {@link $T}: the delegate and both tiers are required; the executor, clock, listener\n",
            generated)
        .addJavadoc("and value format are optional ({@link $T}).\n", RuntimeApi.TIERED_BUILDER)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .superclass(ParameterizedTypeName.get(RuntimeApi.TIERED_BUILDER, builder))
        .addField(iface, "delegate", Modifier.PRIVATE)
        .addField(l1, "l1", Modifier.PRIVATE)
        .addField(l2, "l2", Modifier.PRIVATE)
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    type.addMethod(setter(builder, "delegate", iface, "The service whose results are cached."));
    type.addMethod(setter(builder, "l1", l1, "The in-process tier."));
    type.addMethod(setter(builder, "l2", l2, "The shared tier."));
    type.addMethod(MethodSpec.methodBuilder("build")
        .addJavadoc("The decorator.\n\n@throws IllegalStateException when the delegate or a tier is missing\n")
        .addModifiers(Modifier.PUBLIC)
        .returns(generated)
        .addStatement(
            "return new $T($N(delegate, $S), $N(l1, $S), $N(l2, $S), $N())",
            generated,
            RuntimeApi.REQUIRE,
            "delegate",
            RuntimeApi.REQUIRE,
            "l1",
            RuntimeApi.REQUIRE,
            "l2",
            RuntimeApi.BUILDER_OPTIONS)
        .build());
    return type.build();
  }

  private static MethodSpec setter(ClassName builder, String name, TypeName type, String doc) {
    return MethodSpec.methodBuilder(name)
        .addJavadoc("$L\n", doc)
        .addModifiers(Modifier.PUBLIC)
        .returns(builder)
        .addParameter(type, name)
        .addStatement("this.$N = $T.requireNonNull($N, $S)", name, RuntimeApi.OBJECTS, name, name)
        .addStatement("return this")
        .build();
  }
}
