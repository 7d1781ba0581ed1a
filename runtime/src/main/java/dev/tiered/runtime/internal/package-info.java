/**
 * Helpers that generated decorators call. Not API: anything here may change in any release without notice; do not
 * call it from your own code.
 */
package dev.tiered.runtime.internal;
