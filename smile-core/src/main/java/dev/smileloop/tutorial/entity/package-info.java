/** A loaded tutorial and places in it, which gaps and notes point at. */
package dev.smileloop.tutorial.entity;
