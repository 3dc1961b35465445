## Form fields: what is wrong with a value, shown beside its field.
