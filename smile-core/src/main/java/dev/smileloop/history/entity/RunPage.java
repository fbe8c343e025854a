package dev.smileloop.history.entity;

import java.util.List;

/** One page of runs, newest first, with how many match in all. {@code page} counts from 1. */
public record RunPage(List<RunSummary> items, long total, int page, int size) {

  public RunPage {
    items = List.copyOf(items);
  }
}
