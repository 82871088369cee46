package fr.parcours.config;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentConversionNotSupportedException;
import org.springframework.web.multipart.MultipartFile;

/**
 * A file sent where a page's form sends text (a message's text posted as a file, by a script or a form changed by
 * hand): the request's fault, answered 400 with the French page of a request the page cannot follow. Spring answered it
 * 500 (« Parcours n’a pas pu répondre »), which sent the person to the administrator for nothing. Any other value that
 * does not convert is a fault of Parcours and stays a 500.
 */
@ControllerAdvice
class FileWhereTextGoes {

  private static final Logger LOG = LoggerFactory.getLogger(FileWhereTextGoes.class);

  @ExceptionHandler(MethodArgumentConversionNotSupportedException.class)
  void refuse(MethodArgumentConversionNotSupportedException wrong, HttpServletResponse response) throws Exception {
    if (!(wrong.getValue() instanceof MultipartFile || wrong.getValue() instanceof Part)) {
      throw wrong;
    }
    LOG.info("Answered 400 to a file sent as « {} », where the form sends text", wrong.getName());
    try {
      response.sendError(HttpStatus.BAD_REQUEST.value());
    } catch (IOException gone) {
      // the sender left
    }
  }
}
