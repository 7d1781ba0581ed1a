package dev.tiered.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import javax.lang.model.element.Modifier;

/**
 * Writes a decorator's {@code Builder}: the runtime's {@code TieredBuilder} holds every part, required and optional,
 * typed by the interface and tiers this builder names; the builder adds only {@code build()}. It is a class of its
 * own, so the interface's names cannot clash with its members.
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
    return TypeSpec.classBuilder(builder)
        .addJavadoc("Builds a {@link $T}: the delegate and both tiers are required; the executor, clock, listener\n",
            generated)
        .addJavadoc("and value format are optional ({@link $T}).\n", RuntimeApi.TIERED_BUILDER)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .superclass(ParameterizedTypeName.get(RuntimeApi.TIERED_BUILDER, builder, iface, l1, l2))
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
        .addMethod(MethodSpec.methodBuilder("build")
            .addJavadoc("The decorator.\n\n@throws IllegalStateException when the delegate or a tier is missing\n")
            .addModifiers(Modifier.PUBLIC)
            .returns(generated)
            .addStatement(
                "return new $T($N(), $N(), $N(), $N())",
                generated,
                RuntimeApi.REQUIRED_DELEGATE,
                RuntimeApi.REQUIRED_L1,
                RuntimeApi.REQUIRED_L2,
                RuntimeApi.BUILDER_OPTIONS)
            .build())
        .build();
  }
}
