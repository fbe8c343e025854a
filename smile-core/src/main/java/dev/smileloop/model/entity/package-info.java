/** The resolved settings of a model API (where it is, which model, its budgets) for one loop. */
package dev.smileloop.model.entity;
