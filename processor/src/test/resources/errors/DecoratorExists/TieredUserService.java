package test;

/** Written by hand, with the name the decorator of UserService would have. */
public final class TieredUserService {}
