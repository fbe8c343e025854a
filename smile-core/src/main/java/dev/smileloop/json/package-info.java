/** JSON-P access for every other package: one provider, looked up once. */
package dev.smileloop.json;
