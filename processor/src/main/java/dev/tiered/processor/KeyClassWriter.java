package dev.tiered.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.tiered.processor.GeneratedNames.Locals;
import dev.tiered.processor.Model.Cached;
import dev.tiered.processor.Model.Parameter;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes the key class of a cached method: a small final class that holds the key arguments in their own types,
 * compares and hashes them without boxing, and writes their readable form, each as its {@link KeyPart} says.
 */
final class KeyClassWriter {
  /** Where the code of a key class's method starts: three levels of two spaces. */
  private static final int BODY = 6;

  private final ClassName iface;
  private final Lines lines;

  KeyClassWriter(ClassName iface, Lines lines) {
    this.iface = iface;
    this.lines = lines;
  }

  TypeSpec keyClass(Cached c, String name) {
    List<Parameter> keys = c.keyParameters();
    Locals locals = GeneratedNames.keyClassLocals(keys.stream().map(Parameter::name).toList());
    String space = locals.local("space");
    String other = locals.local("other");
    String that = locals.local("that");
    String out = locals.local("out");
    TypeSpec.Builder type = TypeSpec.classBuilder(name)
        .addJavadoc(new Javadoc()
            .text("The key of")
            .word("{@link $T#$L}.", iface,
                TypeNames.javadocMember(c.signature().name(), c.signature().declaredParameterTypes()))
            .wrap(Javadoc.MEMBER_WIDTH))
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .superclass(RuntimeApi.METHOD_KEY);

    MethodSpec.Builder constructor = MethodSpec.constructorBuilder().addParameter(RuntimeApi.KEY_SPACE, space);
    for (Parameter p : keys) {
      type.addField(TypeNames.of(p.key().type()), p.name(), Modifier.PRIVATE, Modifier.FINAL);
      constructor.addParameter(TypeNames.of(p.key().type()), p.name());
    }
    constructor.addStatement("$L", RuntimeApi.keySuper(space));
    for (Parameter p : keys) {
      constructor.addStatement("this.$N = $L", p.name(), store(p.key(), p.name()));
    }
    type.addMethod(constructor.build());

    type.addMethod(MethodSpec.methodBuilder(RuntimeApi.ARGUMENTS_HASH)
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PROTECTED)
        .returns(int.class)
        .addCode(argumentsHash(keys, locals))
        .build());

    // One type check, then the space, then the arguments: an L1 lookup inlines this, and it is all a hit compares.
    CodeBlock equal = CodeBlock.of("$N instanceof $N $N && $N($N)", other, name, that, RuntimeApi.SAME_SPACE, that);
    for (Parameter p : keys) {
      equal = CodeBlock.of("$L\n&& $L", equal, equal(p.key(), "this." + p.name(), that + "." + p.name()));
    }
    type.addMethod(MethodSpec.methodBuilder("equals")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(boolean.class)
        .addParameter(Object.class, other)
        .addStatement("return $L", equal)
        .build());

    MethodSpec.Builder write = MethodSpec.methodBuilder(RuntimeApi.WRITE_ARGUMENTS)
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PROTECTED)
        .addParameter(RuntimeApi.KEY_WRITER, out);
    for (Parameter p : keys) {
      write.addCode(write(p.key(), "this." + p.name(), out, 0, locals));
    }
    type.addMethod(write.build());
    return type.build();
  }

  /**
   * {@code return 31 * hash(a) + hash(b);}, or, when that would pass 120 columns, the same sum one argument per
   * statement.
   */
  private CodeBlock argumentsHash(List<Parameter> keys, Locals locals) {
    CodeBlock hash = CodeBlock.of("0");
    for (int i = 0; i < keys.size(); i++) {
      CodeBlock part = hash(keys.get(i).key(), keys.get(i).name());
      hash = i == 0 ? part : CodeBlock.of(i == 1 ? "31 * $L + $L" : "31 * ($L) + $L", hash, part);
    }
    if (lines.fits(BODY, CodeBlock.of("return $L;", hash))) {
      return CodeBlock.builder().addStatement("return $L", hash).build();
    }
    String sum = locals.local("hash");
    CodeBlock.Builder code = CodeBlock.builder()
        .addStatement("int $N = $L", sum, hash(keys.get(0).key(), keys.get(0).name()));
    for (Parameter p : keys.subList(1, keys.size())) {
      code.addStatement("$N = 31 * $N + $L", sum, sum, hash(p.key(), p.name()));
    }
    return code.addStatement("return $N", sum).build();
  }

  /** An expression hashing {@code field}, consistent with {@link #equal}. */
  private static CodeBlock hash(KeyPart part, String field) {
    if (part instanceof KeyPart.Primitive p) {
      return CodeBlock.of("$T.hashCode($L)", TypeNames.of(p.type().box()), field);
    }
    return CodeBlock.of("$T.hashCode($L)", objectHelpers(part), field);
  }

  /** An expression comparing {@code a} and {@code b}. */
  private static CodeBlock equal(KeyPart part, String a, String b) {
    if (part instanceof KeyPart.Primitive p) {
      return p.isFloatingPoint()
          ? CodeBlock.of("$T.compare($L, $L) == 0", TypeNames.of(p.type().box()), a, b)
          : CodeBlock.of("$L == $L", a, b);
    }
    return CodeBlock.of("$T.equals($L, $L)", objectHelpers(part), a, b);
  }

  /** The class whose static {@code equals} and {@code hashCode} compare and hash {@code part}'s objects. */
  private static ClassName objectHelpers(KeyPart part) {
    return part instanceof KeyPart.ArrayOf ? RuntimeApi.ARRAYS : RuntimeApi.OBJECTS;
  }

  /**
   * The value the key keeps of the argument {@code parameter}: the argument itself, or a copy of an array, which
   * the caller may change after the call while an L1 key must not change with it.
   */
  private static CodeBlock store(KeyPart part, String parameter) {
    return part instanceof KeyPart.ArrayOf
        ? CodeBlock.of("$N == null ? null : $N.clone()", parameter, parameter)
        : CodeBlock.of("$N", parameter);
  }

  /**
   * Statements writing {@code value}, a part at nesting {@code depth}, to the key writer {@code out}; a loop at
   * depth d names its variable {@code element<d>} or {@code entry<d>}.
   */
  private static CodeBlock write(KeyPart part, String value, String out, int depth, Locals locals) {
    if (part instanceof KeyPart.Primitive || part instanceof KeyPart.Leaf) {
      return RuntimeApi.writeValue(out, value);
    }
    CodeBlock.Builder code = CodeBlock.builder()
        .beginControlFlow("if ($L == null)", value)
        .addStatement("$L", RuntimeApi.writeNull(out))
        .nextControlFlow("else");
    if (part instanceof KeyPart.RecordOf record) {
      code.addStatement("$L", RuntimeApi.beginGroup(out));
      for (KeyPart.Component component : record.components()) {
        code.add(write(component.part(), value + "." + component.name() + "()", out, depth + 1, locals));
      }
      code.addStatement("$L", RuntimeApi.endGroup(out));
    } else if (part instanceof KeyPart.MapOf map) {
      String entry = locals.shared("entry" + depth);
      TypeName entryType = RuntimeApi.mapEntry(
          TypeNames.of(map.key().type().boxed()), TypeNames.of(map.value().type().boxed()));
      code.addStatement("$L", RuntimeApi.beginElements(out, map.unordered()));
      code.beginControlFlow("for ($T $N : $L.entrySet())", entryType, entry, value);
      code.addStatement("$L", RuntimeApi.beginGroup(out));
      code.add(write(map.key(), entry + ".getKey()", out, depth + 1, locals));
      code.add(write(map.value(), entry + ".getValue()", out, depth + 1, locals));
      code.addStatement("$L", RuntimeApi.endGroup(out));
      code.endControlFlow();
      code.addStatement("$L", RuntimeApi.endElements(out, map.unordered()));
    } else {
      KeyPart element = part instanceof KeyPart.ArrayOf array
          ? array.element()
          : ((KeyPart.CollectionOf) part).element();
      boolean unordered = part instanceof KeyPart.CollectionOf collection && collection.unordered();
      String name = locals.shared("element" + depth);
      code.addStatement("$L", RuntimeApi.beginElements(out, unordered));
      code.beginControlFlow("for ($T $N : $L)", TypeNames.of(element.type()), name, value);
      code.add(write(element, name, out, depth + 1, locals));
      code.endControlFlow();
      code.addStatement("$L", RuntimeApi.endElements(out, unordered));
    }
    return code.endControlFlow().build();
  }
}
