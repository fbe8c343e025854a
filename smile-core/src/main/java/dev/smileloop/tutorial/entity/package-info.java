/**
 * A loaded tutorial, its document model (headings, prose, code blocks, images and links with their
 * lines), and places in it, which gaps and notes point at.
 */
package dev.smileloop.tutorial.entity;
