package dev.tiered.runtime.kryo;

import static dev.tiered.runtime.kryo.TestValues.codec;
import static dev.tiered.runtime.kryo.TestValues.rename;
import static dev.tiered.runtime.kryo.TestValues.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tiered.runtime.CorruptEntryException;
import dev.tiered.runtime.Entry;
import dev.tiered.runtime.kryo.TestValues.Extra;
import dev.tiered.runtime.kryo.TestValues.IdV1;
import dev.tiered.runtime.kryo.TestValues.IdV2;
import dev.tiered.runtime.kryo.TestValues.ItemV1;
import dev.tiered.runtime.kryo.TestValues.ItemV2;
import dev.tiered.runtime.kryo.TestValues.OrderV1;
import dev.tiered.runtime.kryo.TestValues.OrderV2;
import dev.tiered.runtime.kryo.TestValues.OrderV3;
import org.junit.jupiter.api.Test;

/** Entries written before a class changed still decode: fields are matched by name. */
class CompatibleSerializerTest {
  @Test
  void aRecordComponentAddedSinceTheEntryWasWrittenGetsItsDefault() throws Exception {
    byte[] v1 = codec(type(OrderV1.class)).encode(new Entry<>(new OrderV1(5, "desk", new Extra("fragile")), 1, 1));

    OrderV2 v2 = TestValues.<OrderV2>codec(type(OrderV2.class)).decode(rename(v1, "$OrderV1", "$OrderV2")).value();

    assertEquals(new OrderV2(5, "desk", new Extra("fragile"), 0, null), v2);
  }

  @Test
  void aRecordComponentRemovedSinceTheEntryWasWrittenIsSkippedEvenWhenItsClassIsNoLongerReachable() throws Exception {
    byte[] v1 = codec(type(OrderV1.class)).encode(new Entry<>(new OrderV1(5, "desk", new Extra("fragile")), 1, 1));

    OrderV3 v3 = TestValues.<OrderV3>codec(type(OrderV3.class)).decode(rename(v1, "$OrderV1", "$OrderV3")).value();

    assertEquals(new OrderV3(5), v3);
  }

  @Test
  void aClassWhoseFieldsChangedKeepsTheFieldsItStillHas() throws Exception {
    ItemV1 v1 = new ItemV1();
    v1.name = "lamp";
    v1.count = 3;
    byte[] bytes = codec(type(ItemV1.class)).encode(new Entry<>(v1, 1, 1));

    ItemV2 v2 = TestValues.<ItemV2>codec(type(ItemV2.class)).decode(rename(bytes, "$ItemV1", "$ItemV2")).value();

    assertEquals("lamp", v2.name);
    assertEquals(7, v2.weight, "a new field keeps the value its no-arg constructor gives it");
  }

  @Test
  void aFieldWhoseTypeChangedMakesTheEntryCorrupt() throws Exception {
    byte[] bytes = codec(type(IdV1.class)).encode(new Entry<>(new IdV1("x"), 1, 1));
    byte[] renamed = rename(bytes, "$IdV1", "$IdV2");

    assertThrows(CorruptEntryException.class, () -> codec(type(IdV2.class)).decode(renamed));
  }
}
