package com.earshot.insights.export;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Manage › Playground › Export: {@code answers.csv}, {@code answers.json}, {@code sessions.csv} and
 * {@code sessions.json}, written straight to the response as the rows are read.
 */
@Controller
class ExportController {

  private final ExportService exports;

  ExportController(ExportService exports) {
    this.exports = exports;
  }

  @GetMapping("/manage/playgrounds/{id}/export/{file}")
  void export(@PathVariable UUID id, @PathVariable String file, HttpServletResponse response)
      throws IOException {
    exports.export(
        id,
        ExportFile.parse(file),
        (fileName, contentType) -> {
          response.setContentType(contentType);
          response.setHeader(
              HttpHeaders.CONTENT_DISPOSITION,
              ContentDisposition.attachment().filename(fileName).build().toString());
          return response.getOutputStream();
        });
  }
}
