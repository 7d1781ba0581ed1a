package dev.tiered.processor;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import java.util.List;
import java.util.stream.Collectors;

/** Renders the model's {@link TypeRef}s as JavaPoet types, for the writers. */
final class TypeNames {
  private TypeNames() {}

  static TypeName of(TypeRef type) {
    if (type instanceof TypeRef.Primitive p) {
      return primitive(p.keyword());
    }
    if (type instanceof TypeRef.Declared d) {
      ClassName raw = of(d);
      if (d.arguments().isEmpty()) {
        return raw;
      }
      return ParameterizedTypeName.get(raw, d.arguments().stream().map(TypeNames::of).toArray(TypeName[]::new));
    }
    if (type instanceof TypeRef.Array a) {
      return ArrayTypeName.of(of(a.component()));
    }
    if (type instanceof TypeRef.Wildcard w) {
      if (w.superBound() != null) {
        return WildcardTypeName.supertypeOf(of(w.superBound()));
      }
      return WildcardTypeName.subtypeOf(w.extendsBound() == null ? ClassName.OBJECT : of(w.extendsBound()));
    }
    return TypeVariableName.get(((TypeRef.Variable) type).name());
  }

  static List<TypeName> of(List<TypeRef> types) {
    return types.stream().map(TypeNames::of).toList();
  }

  /** The class of {@code type}, without type arguments. */
  static ClassName of(TypeRef.Declared type) {
    List<String> names = type.simpleNames();
    return ClassName.get(type.packageName(), names.get(0), names.subList(1, names.size()).toArray(String[]::new));
  }

  private static TypeName primitive(String keyword) {
    switch (keyword) {
      case "boolean":
        return TypeName.BOOLEAN;
      case "byte":
        return TypeName.BYTE;
      case "short":
        return TypeName.SHORT;
      case "int":
        return TypeName.INT;
      case "long":
        return TypeName.LONG;
      case "char":
        return TypeName.CHAR;
      case "float":
        return TypeName.FLOAT;
      case "double":
        return TypeName.DOUBLE;
      default:
        return TypeName.VOID;
    }
  }

  /**
   * {@code m(Type, ...)} as a javadoc link names a method: the erasures of its declared parameter types, which is
   * what javadoc resolves, also for a method inherited with type arguments bound ({@code find(Object)}).
   */
  static String javadocMember(String method, List<TypeRef> declaredParameterTypes) {
    return method + declaredParameterTypes.stream()
        .map(TypeNames::erasedName)
        .collect(Collectors.joining(", ", "(", ")"));
  }

  private static String erasedName(TypeRef type) {
    if (type instanceof TypeRef.Declared d) {
      return d.canonicalName();
    }
    if (type instanceof TypeRef.Array a) {
      return erasedName(a.component()) + "[]";
    }
    if (type instanceof TypeRef.Variable v) {
      return v.erasedBound() == null ? "Object" : erasedName(v.erasedBound());
    }
    if (type instanceof TypeRef.Primitive p) {
      return p.keyword();
    }
    return "Object";
  }

  /** The erasure of {@code type} without packages: {@code List} for {@code List<User>}, {@code int[]}. */
  static String erasedSimple(TypeRef type) {
    if (type instanceof TypeRef.Declared d) {
      return String.join(".", d.simpleNames());
    }
    if (type instanceof TypeRef.Array a) {
      return erasedSimple(a.component()) + "[]";
    }
    if (type instanceof TypeRef.Variable v) {
      return v.erasedBound() == null ? "Object" : erasedSimple(v.erasedBound());
    }
    return type instanceof TypeRef.Primitive p ? p.keyword() : "Object";
  }

  /** {@code type} as people write it, without packages: {@code Map<String, List<User>>}, for prose. */
  static String simple(TypeRef type) {
    if (type instanceof TypeRef.Declared d) {
      String name = String.join(".", d.simpleNames());
      return d.arguments().isEmpty()
          ? name
          : name + d.arguments().stream().map(TypeNames::simple).collect(Collectors.joining(", ", "<", ">"));
    }
    if (type instanceof TypeRef.Array a) {
      return simple(a.component()) + "[]";
    }
    if (type instanceof TypeRef.Wildcard w) {
      return w.superBound() != null
          ? "? super " + simple(w.superBound())
          : w.extendsBound() != null ? "? extends " + simple(w.extendsBound()) : "?";
    }
    return type instanceof TypeRef.Variable v ? v.name() : ((TypeRef.Primitive) type).keyword();
  }
}
