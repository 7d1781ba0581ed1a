/**
 * The annotations that ask the Tiered processor for a two-tier caching decorator: {@link dev.tiered.Tiered} on a
 * service interface, with {@link dev.tiered.Cached}, {@link dev.tiered.Key}, {@link dev.tiered.Invalidate} and
 * {@link dev.tiered.Bypass} on its members.
 */
package dev.tiered;
