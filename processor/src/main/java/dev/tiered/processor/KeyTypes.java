package dev.tiered.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import dev.tiered.processor.Model.KeyPart;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Decides how each key argument type is compared, hashed and written into a key's readable form, or why it cannot
 * be part of a key. A type qualifies when its string form is stable: primitives and their boxes, strings, enums,
 * {@code UUID}, {@code java.time} values, big numbers, records of qualifying types, arrays and {@code java.util}
 * collections and maps of them, and classes that override {@code toString()}.
 */
final class KeyTypes {
  private static final ClassName OBJECTS = ClassName.get("java.util", "Objects");
  private static final ClassName ARRAYS = ClassName.get("java.util", "Arrays");
  private static final ClassName MAP_ENTRY = ClassName.get("java.util", "Map", "Entry");
  private static final Set<String> LEAVES =
      Set.of(
          "java.lang.String",
          "java.lang.Boolean",
          "java.lang.Byte",
          "java.lang.Short",
          "java.lang.Integer",
          "java.lang.Long",
          "java.lang.Float",
          "java.lang.Double",
          "java.lang.Character",
          "java.math.BigDecimal",
          "java.math.BigInteger",
          "java.util.UUID",
          "java.util.Locale",
          "java.util.Currency",
          "java.net.URI");

  private final Elements elements;
  private final Types types;

  KeyTypes(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  /**
   * A key part, or the reason why a type has none, worded to follow the type: "inherits Object.toString()", "has
   * elements of type Foo, which inherits Object.toString()".
   */
  record Result(KeyPart part, String reason) {}

  Result classify(TypeMirror type) {
    return classify(type, 0);
  }

  private Result classify(TypeMirror type, int depth) {
    if (type.getKind().isPrimitive()) {
      return ok(new Primitive(type.getKind(), TypeName.get(type)));
    }
    if (type.getKind() == TypeKind.ARRAY) {
      TypeMirror component = ((ArrayType) type).getComponentType();
      if (component.getKind() == TypeKind.ARRAY) {
        return fail("is an array of arrays");
      }
      Result element = classify(component, depth + 1);
      return element.part == null
          ? fail("has elements of type " + ModelFactory.simpleType(component) + ", which " + element.reason)
          : ok(new ArrayPart(TypeName.get(type), element.part, depth));
    }
    if (type.getKind() == TypeKind.WILDCARD) {
      return fail("is a wildcard without an upper bound");
    }
    if (type.getKind() == TypeKind.TYPEVAR) {
      return fail("is a type variable");
    }
    if (type.getKind() != TypeKind.DECLARED) {
      return fail("is a " + type.getKind().toString().toLowerCase(java.util.Locale.ROOT) + " type");
    }
    DeclaredType declared = (DeclaredType) type;
    TypeElement element = (TypeElement) declared.asElement();
    String name = element.getQualifiedName().toString();
    TypeName typeName = TypeName.get(type);
    if (LEAVES.contains(name) || element.getKind() == ElementKind.ENUM || name.startsWith("java.time.")) {
      return ok(new Leaf(typeName));
    }
    if (element.getKind() == ElementKind.RECORD) {
      return record(declared, element, typeName, depth);
    }
    if (isSubtype(type, "java.util.Map")) {
      List<? extends TypeMirror> args = declared.getTypeArguments();
      if (args.size() != 2) {
        return fail("is a map without its key and value types");
      }
      Result key = classify(bound(args.get(0)), depth + 1);
      if (key.part == null) {
        return fail("has keys of type " + ModelFactory.simpleType(args.get(0)) + ", which " + key.reason);
      }
      Result value = classify(bound(args.get(1)), depth + 1);
      if (value.part == null) {
        return fail("has values of type " + ModelFactory.simpleType(args.get(1)) + ", which " + value.reason);
      }
      return ok(new MapPart(typeName, key.part, value.part, depth, !isSubtype(type, "java.util.SortedMap")));
    }
    if (isSubtype(type, "java.util.Collection")) {
      List<? extends TypeMirror> args = declared.getTypeArguments();
      if (args.size() != 1) {
        return fail("is a collection without its element type");
      }
      Result elementPart = classify(bound(args.get(0)), depth + 1);
      if (elementPart.part == null) {
        return fail("has elements of type " + ModelFactory.simpleType(args.get(0)) + ", which " + elementPart.reason);
      }
      boolean unordered = isSubtype(type, "java.util.Set") && !isSubtype(type, "java.util.SortedSet");
      return ok(new CollectionPart(typeName, elementPart.part, depth, unordered));
    }
    if (element.getKind().isInterface()) {
      return fail("is an interface, whose implementations' string forms are unknown");
    }
    if (!overrides(element, "toString") || !overrides(element, "equals")) {
      return fail("inherits Object." + (overrides(element, "toString") ? "equals()" : "toString()"));
    }
    return ok(new Leaf(typeName));
  }

  private Result record(DeclaredType declared, TypeElement element, TypeName typeName, int depth) {
    List<RecordComponentElement> components = ElementFilter.recordComponentsIn(element.getEnclosedElements());
    List<String> accessors = new java.util.ArrayList<>();
    List<KeyPart> parts = new java.util.ArrayList<>();
    for (RecordComponentElement component : components) {
      TypeMirror componentType = types.asMemberOf(declared, component.getAccessor()) instanceof
          javax.lang.model.type.ExecutableType e ? e.getReturnType() : component.asType();
      Result part = classify(componentType, depth + 1);
      if (part.part == null) {
        return fail("has a component `" + component.getSimpleName() + "` of type " + ModelFactory.simpleType(componentType)
            + ", which " + part.reason);
      }
      accessors.add(component.getSimpleName().toString());
      parts.add(part.part);
    }
    return ok(new RecordPart(typeName, accessors, parts));
  }

  private boolean isSubtype(TypeMirror type, String name) {
    TypeElement target = elements.getTypeElement(name);
    return target != null && types.isSubtype(types.erasure(type), types.erasure(target.asType()));
  }

  private static TypeMirror bound(TypeMirror type) {
    if (type instanceof WildcardType w) {
      return w.getExtendsBound() != null ? w.getExtendsBound() : type;
    }
    return type;
  }

  /** Whether {@code element} or a superclass below {@code Object} declares a concrete {@code method}. */
  private boolean overrides(TypeElement element, String method) {
    TypeElement current = element;
    while (current != null && !current.getQualifiedName().contentEquals("java.lang.Object")) {
      for (ExecutableElement m : ElementFilter.methodsIn(current.getEnclosedElements())) {
        if (m.getSimpleName().contentEquals(method)
            && !m.getModifiers().contains(Modifier.ABSTRACT)
            && m.getParameters().size() == (method.equals("equals") ? 1 : 0)) {
          return true;
        }
      }
      TypeMirror superclass = current.getSuperclass();
      Element next = superclass.getKind() == TypeKind.DECLARED ? types.asElement(superclass) : null;
      current = (TypeElement) next;
    }
    return false;
  }

  private static Result ok(KeyPart part) {
    return new Result(part, null);
  }

  private static Result fail(String reason) {
    return new Result(null, reason);
  }

  // ------------------------------------------------------------------ parts

  /** A part held as an object: compared with {@code Objects.equals}, hashed with {@code Objects.hashCode}. */
  private interface ObjectPart extends KeyPart {
    @Override
    default CodeBlock hash(String field) {
      return CodeBlock.of("$T.hashCode($L)", OBJECTS, field);
    }

    @Override
    default CodeBlock equal(String a, String b) {
      return CodeBlock.of("$T.equals($L, $L)", OBJECTS, a, b);
    }
  }

  private record Primitive(TypeKind kind, TypeName type) implements KeyPart {
    @Override
    public CodeBlock hash(String field) {
      return CodeBlock.of("$T.hashCode($L)", type.box(), field);
    }

    @Override
    public CodeBlock equal(String a, String b) {
      return kind == TypeKind.FLOAT || kind == TypeKind.DOUBLE
          ? CodeBlock.of("$T.compare($L, $L) == 0", type.box(), a, b)
          : CodeBlock.of("$L == $L", a, b);
    }

    @Override
    public CodeBlock write(String value, String out) {
      return CodeBlock.of("$L.add($L);\n", out, value);
    }
  }

  private record Leaf(TypeName type) implements ObjectPart {
    @Override
    public CodeBlock write(String value, String out) {
      return CodeBlock.of("$L.add($L);\n", out, value);
    }
  }

  private record RecordPart(TypeName type, List<String> accessors, List<KeyPart> parts) implements ObjectPart {
    @Override
    public CodeBlock write(String value, String out) {
      CodeBlock.Builder code = CodeBlock.builder();
      code.beginControlFlow("if ($L == null)", value).addStatement("$L.add((Object) null)", out).nextControlFlow("else");
      code.addStatement("$L.beginGroup()", out);
      for (int i = 0; i < parts.size(); i++) {
        code.add(parts.get(i).write(value + "." + accessors.get(i) + "()", out));
      }
      code.addStatement("$L.endGroup()", out);
      return code.endControlFlow().build();
    }
  }

  private record ArrayPart(TypeName type, KeyPart element, int depth) implements KeyPart {
    @Override
    public CodeBlock hash(String field) {
      return CodeBlock.of("$T.hashCode($L)", ARRAYS, field);
    }

    @Override
    public CodeBlock equal(String a, String b) {
      return CodeBlock.of("$T.equals($L, $L)", ARRAYS, a, b);
    }

    @Override
    public CodeBlock write(String value, String out) {
      return iterate(value, out, element.type(), element, depth, false);
    }

    /** A copy: the caller may change its array after the call, and an L1 key must not change with it. */
    @Override
    public CodeBlock store(String parameter) {
      return CodeBlock.of("$N == null ? null : $N.clone()", parameter, parameter);
    }
  }

  /** A collection; the elements of an unordered one (a hash set) are written sorted, so equal sets agree. */
  private record CollectionPart(TypeName type, KeyPart element, int depth, boolean unordered) implements ObjectPart {
    @Override
    public CodeBlock write(String value, String out) {
      return iterate(value, out, element.type(), element, depth, unordered);
    }
  }

  /** A map; the entries of an unordered one (a hash map) are written sorted, so equal maps agree. */
  private record MapPart(TypeName type, KeyPart key, KeyPart value, int depth, boolean unordered)
      implements ObjectPart {
    @Override
    public CodeBlock write(String map, String out) {
      String entry = "entry" + depth;
      CodeBlock.Builder code = CodeBlock.builder();
      code.beginControlFlow("if ($L == null)", map).addStatement("$L.add((Object) null)", out).nextControlFlow("else");
      code.addStatement(unordered ? "$L.beginSet()" : "$L.beginList()", out);
      code.beginControlFlow(
          "for ($T<$T, $T> $L : $L.entrySet())", MAP_ENTRY, key.type().box(), value.type().box(), entry, map);
      code.addStatement("$L.beginGroup()", out);
      code.add(key.write(entry + ".getKey()", out));
      code.add(value.write(entry + ".getValue()", out));
      code.addStatement("$L.endGroup()", out);
      code.endControlFlow();
      code.addStatement(unordered ? "$L.endSet()" : "$L.endList()", out);
      return code.endControlFlow().build();
    }
  }

  private static CodeBlock iterate(
      String value, String out, TypeName elementType, KeyPart element, int depth, boolean unordered) {
    String name = "element" + depth;
    CodeBlock.Builder code = CodeBlock.builder();
    code.beginControlFlow("if ($L == null)", value).addStatement("$L.add((Object) null)", out).nextControlFlow("else");
    code.addStatement(unordered ? "$L.beginSet()" : "$L.beginList()", out);
    code.beginControlFlow("for ($T $L : $L)", elementType, name, value);
    code.add(element.write(name, out));
    code.endControlFlow();
    code.addStatement(unordered ? "$L.endSet()" : "$L.endList()", out);
    return code.endControlFlow().build();
  }
}
