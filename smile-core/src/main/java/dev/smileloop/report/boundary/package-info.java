/** The report component as the container sees it: the bean that writes and renders gap reports. */
package dev.smileloop.report.boundary;
