package test;

/** A class with identity {@code toString()} and {@code equals()}. */
public class Filter {
  public final String text;

  public Filter(String text) {
    this.text = text;
  }
}
