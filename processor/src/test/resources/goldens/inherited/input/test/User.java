package test;

public record User(long id, String name) {}
