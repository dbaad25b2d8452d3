package com.earshot.insights.export;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDateTime;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON array of objects, one per row, keyed by the header; numbers stay numbers, empty is null.
 */
class JsonTableWriter implements TableWriter {

  private final JsonGenerator generator;
  private List<String> columns;

  JsonTableWriter(OutputStream out, JsonMapper json) {
    // The servlet container closes the response itself.
    this.generator =
        json.writer().without(StreamWriteFeature.AUTO_CLOSE_TARGET).createGenerator(out);
  }

  @Override
  public void header(List<String> columns) {
    this.columns = List.copyOf(columns);
    generator.writeStartArray();
  }

  @Override
  public void row(List<?> cells) {
    if (cells.size() != columns.size()) {
      throw new IllegalArgumentException(
          "A row of " + cells.size() + " cells under " + columns.size() + " columns");
    }
    generator.writeStartObject();
    for (int i = 0; i < cells.size(); i++) {
      generator.writeName(columns.get(i));
      write(cells.get(i));
    }
    generator.writeEndObject();
  }

  @Override
  public void finish() throws IOException {
    generator.writeEndArray();
    generator.close();
  }

  private void write(Object cell) {
    if (cell == null) {
      generator.writeNull();
    } else if (cell instanceof Integer number) {
      generator.writeNumber(number);
    } else if (cell instanceof Long number) {
      generator.writeNumber(number);
    } else if (cell instanceof Boolean flag) {
      generator.writeBoolean(flag);
    } else if (cell instanceof LocalDateTime time) {
      generator.writeString(TableWriter.utc(time));
    } else {
      generator.writeString(cell.toString());
    }
  }
}
